"""A child process's output, read whole. `child.stdout.readline()` followed by
`child.communicate()` loses output: readline fills the pipe's buffer with more than one line, and
communicate reads the file descriptor behind that buffer. Here one thread per pipe reads every
line as it comes, and the test asks for the first line and, at the end, for all of it."""
from __future__ import annotations

import subprocess
import threading


class ChildOutput:
    def __init__(self, child: subprocess.Popen):
        self.child = child
        self._out: list[str] = []
        self._err: list[str] = []
        self._first = threading.Event()
        self._threads = [threading.Thread(target=self._read, args=(child.stdout, self._out, True),
                                          daemon=True),
                         threading.Thread(target=self._read, args=(child.stderr, self._err, False),
                                          daemon=True)]
        for t in self._threads:
            t.start()

    def _read(self, stream, lines: list[str], first: bool) -> None:
        try:
            for line in stream:
                lines.append(line)
                if first:
                    self._first.set()
        finally:
            if first:
                self._first.set()  # end of output: no first line is coming

    def first_line(self, timeout: float = 60.0) -> str:
        """The first line of stdout ('' when the child ended without one); TimeoutError when
        none came within `timeout` seconds."""
        if not self._first.wait(timeout):
            raise TimeoutError(f"no output from the child in {timeout:.0f} s")
        return self._out[0] if self._out else ""

    def finish(self, timeout: float = 60.0) -> tuple[str, str]:
        """(stdout, stderr), all of it, once both pipes have closed and the child has ended;
        TimeoutError when a pipe stays open longer (a grandchild holding it)."""
        for t in self._threads:
            t.join(timeout)
            if t.is_alive():
                raise TimeoutError(f"the child's output did not end within {timeout:.0f} s")
        self.child.wait(timeout)
        return "".join(self._out), "".join(self._err)

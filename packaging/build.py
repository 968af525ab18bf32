"""Build the installable one-folder app with PyInstaller (Linux, Windows, macOS).

    python packaging/build.py [--dist DIR] [--work DIR] [--archive]

Needs the `build` extra (`pip install -e ".[build]"`). Output: DIR/clausemark/ (Linux, Windows;
the `clausemark` executable inside) or DIR/Clausemark.app (macOS). On Linux the folder also holds
a desktop entry and `install-desktop-entry.sh`. A file `clausemark.portable` put next to the
executable makes it keep its library in `data/` beside it (USB sticks). Prints the bundle size."""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pymupdf

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "clausemark.spec"
SVG = ROOT / "resources" / "icons" / "clausemark.svg"


def render_icons(folder: Path) -> Path:
    """A 512 px PNG from the SVG; PyInstaller turns it into .ico/.icns (with Pillow) on
    Windows and macOS. Rendered by mupdf, which the app ships anyway."""
    folder.mkdir(parents=True, exist_ok=True)
    png = folder / "clausemark.png"
    with pymupdf.open(SVG) as doc:
        doc[0].get_pixmap(matrix=pymupdf.Matrix(2, 2), alpha=True).save(png)
    return png


def bundle_size(path: Path) -> tuple[int, int]:
    files = [p for p in path.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def build(dist: Path, work: Path) -> Path:
    render_icons(work / "icons")
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(dist), "--workpath", str(work), str(SPEC)], check=True,
                   cwd=ROOT)
    if sys.platform == "darwin":
        return dist / "Clausemark.app"
    bundle = dist / "clausemark"
    if sys.platform.startswith("linux"):
        for name in ("clausemark.desktop", "install-desktop-entry.sh"):
            shutil.copy2(ROOT / "packaging" / "linux" / name, bundle / name)
        shutil.copy2(SVG, bundle / "clausemark.svg")
    return bundle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--archive", action="store_true", help="also pack it (.tar.gz / .zip)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    bundle = build(args.dist.resolve(), args.work.resolve())
    size, count = bundle_size(bundle)
    print(f"bundle: {bundle} — {size / 2**20:.0f} MiB in {count} files, "
          f"built in {time.perf_counter() - start:.0f} s")
    if args.archive:
        fmt = "zip" if sys.platform == "win32" else "gztar"
        archive = Path(shutil.make_archive(str(bundle), fmt, bundle.parent, bundle.name))
        print(f"archive: {archive} — {archive.stat().st_size / 2**20:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

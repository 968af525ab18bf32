"""Versions of a resolution: paragraph alignment, finding predecessors, carrying tags forward
and the comparison brief in Word. May import clausemark.core.library and .parse."""

"""Theme reports: which tags a report covers (`select`), CSV tables and matrices, the Word brief.
May import clausemark.core.compare (what changed since an earlier version), .library and .parse."""

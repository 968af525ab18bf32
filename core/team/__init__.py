"""Team work: analysts tag on their own laptops and combine their work. Share files (a chosen set
of tags with their themes and documents) and merging them into a library without losing any
tag or note. May import clausemark.core.compare, .library and .parse; never reports, suggest or
cli."""

from clausemark.core.public_names import public_names

# Public name -> the module that defines it ("module:attribute" when the public name differs).
__getattr__, __dir__, __all__ = public_names(__name__, {
    "Share": "share_file", "ShareError": "share_file", "build_share": "share_file",
    "write_share": "share_file", "read_share": "share_file", "SHARE_SUFFIX": "share_file:SUFFIX",
    "SHARE_FORMAT_VERSION": "share_file:FORMAT_VERSION",
    "MergePlan": "merge", "plan_merge": "merge",
    "MergeResult": "apply", "apply_merge": "apply", "merge_share": "apply", "MergeCommand": "apply",
    "SharedReview": "review_queue",
})

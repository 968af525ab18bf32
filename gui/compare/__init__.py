"""The comparison window: aligned versions side by side and the carry-forward queue."""

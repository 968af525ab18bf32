"""The PDF pane: continuous pages with highlights and tints, rendered in a separate process."""

"""Route groups of the staff screens, one module per area."""

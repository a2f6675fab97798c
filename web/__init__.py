"""Staff screens (htmx + Jinja) on the same resolvers as the API."""

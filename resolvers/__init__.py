"""The operations, one async function per use case, shared by schema/ (GraphQL) and web/."""

# Registers the listener that indexes each new petition's words (whoever creates it).
from resolvers import search as _search  # noqa: E402, F401

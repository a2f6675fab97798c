"""The operations, one async function per use case, shared by schema/ (GraphQL) and web/."""

"""Pure domain rules of the petition lifecycle: no I/O, no clock, no database.

Everything here is a function of its arguments, so the same rule serves GraphQL, the
staff screens, the seed loader and the tests.
"""

"""The versions every cached answer is checked against, kept in the database."""

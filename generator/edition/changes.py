"""Placeholder: the change report of an edition against the one before it."""


def for_build(data, progress):
    return []

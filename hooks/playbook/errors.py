"""The one error type that the pure modules raise."""


class PlaybookError(Exception):
    """Bad input, with a message that names the file, the line and the fix.

    The hook handlers turn it into MkDocs' ``PluginError``, which fails the
    build with the message and nothing else.
    """

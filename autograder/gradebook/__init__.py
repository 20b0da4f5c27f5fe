"""The only package that talks to nbgrader: configuration, gradebook, release, feedback, scores.

nbgrader does these things well and is used as it is; everything nbgrader-specific stays
behind this boundary (a test fails on an nbgrader import anywhere else).
"""

import importlib.util as _util
import sys as _sys


def _without_server_extensions() -> None:
    """Import nbgrader's modules without running its package ``__init__``.

    That ``__init__`` only loads nbgrader's Jupyter server extensions (jupyter_server, tornado,
    the exchange: about 1.5 s), which JupyterLab loads in its own process and no command here
    needs. The package object gets nbgrader's search path and version, so ``nbgrader.api``,
    ``nbgrader.apps`` and the rest import as usual. Skipped when nbgrader is loaded already.
    """
    if "nbgrader" in _sys.modules:
        return
    spec = _util.find_spec("nbgrader")
    if spec is None or not spec.submodule_search_locations:
        return
    package = _util.module_from_spec(spec)  # created, not executed
    _sys.modules["nbgrader"] = package
    try:
        from nbgrader._version import __version__
    except Exception:  # noqa: BLE001 - fall back to the full import
        del _sys.modules["nbgrader"]
        return
    package.__version__ = __version__


_without_server_extensions()

"""The only package that talks to nbgrader: configuration, gradebook, release, feedback, scores.

nbgrader does these things well and is used as it is; everything nbgrader-specific stays
behind this boundary (a test fails on an nbgrader import anywhere else).
"""

import importlib as _importlib
import importlib.util as _util
import sys as _sys
import types as _types


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


def _archive_util_on_first_call() -> None:
    """Let ``nbgrader.utils`` import without importing setuptools.

    ``nbgrader.utils`` imports three archive functions from ``setuptools.archive_util`` at import
    time (setuptools with pkg_resources: about 0.17 s of every command) for unpacking uploaded zip
    files, which only ``nbgrader zip_collect`` does. A stand-in module with the same three names
    imports the real one on the first call and forwards to it. Skipped when setuptools is loaded.
    """
    name = "setuptools.archive_util"
    if "setuptools" in _sys.modules or name in _sys.modules:
        return
    stand_in = _types.ModuleType(name, "stand-in until first use; see autograder.gradebook")

    def forward(function: str):
        def call(*args, **kwargs):
            if _sys.modules.get(name) is stand_in:
                del _sys.modules[name]
            return getattr(_importlib.import_module(name), function)(*args, **kwargs)

        call.__name__ = call.__qualname__ = function
        return call

    for function in ("unpack_archive", "unpack_tarfile", "unpack_zipfile"):
        setattr(stand_in, function, forward(function))
    _sys.modules[name] = stand_in


_without_server_extensions()
_archive_util_on_first_call()

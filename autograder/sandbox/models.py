"""Keras models inside the sandbox: a quiet import of Keras.

Importing Keras prints TensorFlow's start-up chatter on file descriptor 2; here it goes to
/dev/null. Threads may call this concurrently; the lock keeps the descriptor swap atomic.
"""

from __future__ import annotations

import os
import sys
import threading

_keras_lock = threading.Lock()


def quiet_keras():
    """Import Keras lazily (only model cases need it), without TensorFlow's start-up chatter.

    Grading threads call this concurrently; the lock keeps the fd-2 swap atomic.
    """
    with _keras_lock:
        if "keras" in sys.modules:
            return sys.modules["keras"]
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        saved = os.dup(2)
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 2)
            import keras
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            os.close(devnull)
        return keras



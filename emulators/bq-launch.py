"""Starts bqemulator offline: no DuckDB extension is ever downloaded.

bqemulator installs DuckDB's `spatial` (GEOGRAPHY, required) and `avro` (optional)
extensions at start-up, downloading them from the DuckDB extension repository.
jobbench's warehouse has no GEOGRAPHY column and loads NDJSON, and the emulators must
only talk to 127.0.0.1, so both are skipped, and DuckDB's automatic extension install
is switched off (an extension that is not built in fails instead of downloading).
Every other part of the emulator runs unchanged. Arguments are those of `bqemulator`,
e.g. `start --rest-port 9050`.
"""
import sys

import duckdb

_connect = duckdb.connect


def _offline_connect(*args, **kwargs):
    config = dict(kwargs.pop("config", None) or {})
    config.setdefault("autoinstall_known_extensions", False)
    return _connect(*args, config=config, **kwargs)


duckdb.connect = _offline_connect

# Imported after the patch on purpose: the engine must see the offline connect.
from bqemulator.storage import engine


def _skip(self):  # same signature as the DuckDBEngine methods it replaces
    return None


engine.DuckDBEngine._load_spatial = _skip
engine.DuckDBEngine._load_format_extensions = _skip

from bqemulator.cli import main

sys.exit(main())

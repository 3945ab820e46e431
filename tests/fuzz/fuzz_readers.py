"""atheris harness: the readers target of targets.py, with coverage feedback from marsad's code.

    nice -n 19 .venv/bin/python tests/fuzz/fuzz_readers.py -max_total_time=600 tests/fuzz/corpus/readers

A crash writes the input to crash-*; copy it into tests/fuzz/corpus/readers/ once fixed, and
test_fuzz_regressions.py replays it for ever after."""
import sys

import atheris

with atheris.instrument_imports(include=["marsad"]):
    import marsad.counts.numbers  # noqa: F401
    import marsad.ingest.encoding  # noqa: F401
    import marsad.ingest.normalize  # noqa: F401
    import marsad.ingest.readers  # noqa: F401
    import marsad.time.resolve  # noqa: F401

from targets import check_readers  # noqa: E402


def one_input(data: bytes) -> None:
    check_readers(data)


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()

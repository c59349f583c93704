"""--executor dask on a LocalCluster gives the same records as the local process pool."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from test_batch_runner import make_inputs, manifest, outputs_of

from pipeline.cli import cli

pytestmark = pytest.mark.slow  # `make test-fast` leaves it out

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        worker_dashboard_address=None,
    ) as cluster:
        yield cluster.scheduler_address


def ingest(*args: str):
    return CliRunner().invoke(cli, ["ingest", *args, "--no-tag", "-q"], catch_exceptions=False)


@pytest.mark.parametrize("send_bytes", [False, True], ids=["shared-storage", "send-bytes"])
def test_batch_dask_same_records_as_local_pool(tmp_path: Path, scheduler: str, send_bytes: bool):
    make_inputs(tmp_path / "in", 6)
    (tmp_path / "in" / "a" / "empty.pdf").write_bytes(b"")
    local = tmp_path / "local"
    assert ingest(str(tmp_path / "in"), "-o", str(local), "--workers", "2").exit_code == 3
    out = tmp_path / "dask"
    extra = ["--send-bytes"] if send_bytes else []
    result = ingest(
        str(tmp_path / "in"), "-o", str(out), "--executor", "dask", "--scheduler", scheduler, *extra
    )
    assert result.exit_code == 3, result.output
    assert result.output.startswith("6 ingested, 1 failed")
    assert outputs_of(out) == outputs_of(local)
    again = ingest(str(tmp_path / "in"), "-o", str(out), "--executor", "dask", "--scheduler", scheduler)
    assert again.output.startswith("0 ingested, 1 failed, 6 skipped")
    assert manifest(out)["empty.pdf"]["reason"] == "empty"


def test_batch_dask_timeout(tmp_path: Path, scheduler: str):
    make_inputs(tmp_path / "in", 1)
    slow = tmp_path / "in" / "slow.txt"
    slow.write_text(
        (Path(__file__).parent / "data" / "sources" / "neaspec-nfp-2021-concept-note.txt").read_text(
            encoding="utf-8"
        )
        * 600,
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = ingest(
        str(tmp_path / "in"),
        "-o",
        str(out),
        "--executor",
        "dask",
        "--scheduler",
        scheduler,
        "--timeout",
        "0.5",
    )
    assert result.exit_code == 3 and result.output.startswith("1 ingested, 1 failed"), result.output
    assert manifest(out)["slow.txt"]["reason"] == "timeout"

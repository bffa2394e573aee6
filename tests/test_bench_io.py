"""The I/O benchmark runs end to end on a tiny file, and ``--xlsx-rows 0`` skips the workbook."""

from flashfill.table import bench_io


def test_tiny_run_without_workbook(capsys):
    bench_io.main(["--rows", "30", "--xlsx-rows", "0"])
    out = capsys.readouterr().out
    assert out.count("wrong outputs         : 0") == 2
    assert "XLSX" not in out

"""Published files: all of them written, or the first failed write raised and nothing after it."""

import pytest

from konkursi.project import write_files


def test_every_file_is_written_with_its_content_before_write_files_returns(tmp_path):
    # Many folders, each made once.
    files = {f"k/{n % 37}/{n}.txt": f"fails {n}: ā č ē ģ ī ķ ļ ņ š ū ž\n".encode() * (n % 5 + 1) for n in range(1000)}
    written = write_files(files, tmp_path)
    assert written == [tmp_path / path for path in sorted(files)]
    on_disk = {path.relative_to(tmp_path).as_posix(): path.read_bytes() for path in tmp_path.rglob("*.txt")}
    assert on_disk == files


def test_a_failed_write_is_raised_and_nothing_is_written_after_it(tmp_path):
    (tmp_path / "b").write_text("a file where a folder should be", encoding="utf-8")
    files = {"a.txt": b"first", "b/c.txt": b"cannot be written", "d.txt": b"after the failure"}
    with pytest.raises(OSError):
        write_files(files, tmp_path)
    assert (tmp_path / "a.txt").read_bytes() == b"first"
    assert not (tmp_path / "d.txt").exists()

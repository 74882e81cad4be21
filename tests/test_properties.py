"""Property tests: any text, however hostile, gets through ingest -> extract -> check -> compose
with a one-line refusal or with figures that trace to a source line; never a crash.

A bounded number of examples here (the suite must stay quick); `benchmarks/fuzz.py` runs the same
texts by the ten thousand and measures time per KB and peak memory.
"""
import sys
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fuzz_texts import report_texts, run_pipeline  # noqa: E402


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(report_texts())
# the inputs issue 12 found, each of which crashed before
@example("Chiều 8-3 họp. Ngày 5/0000 có 12 xã đạt chuẩn.".encode())
@example("Báo cáo năm 0000: có 12 xã.".encode())
@example("Báo cáo tháng 2/0000: năm 2024 có 12 xã.".encode())
@example("Năm 2024 có 123456789012345678901234567890 tỷ đồng và 12 xã.".encode())
@example("Năm 2024 thu 1.000.000.000.000.000.000.000.000.000.000 tỷ đồng, tăng 5% so với cùng kỳ năm 0000.".encode())
def test_any_text_is_read_or_refused_in_one_line(data):
    run_pipeline(data)


def test_a_report_gets_its_figures_and_briefs():
    """The property above holds vacuously if every text is refused: a plain report is read."""
    outcome = run_pipeline("BÁO CÁO Tình hình kinh tế - xã hội 6 tháng đầu năm 2024\n\nTổng sản phẩm trên địa bàn "
                           "tỉnh (GRDP) ước đạt 7.155,29 tỷ đồng, tăng 8,75% so với cùng kỳ năm trước.\n".encode())
    assert (outcome.error, outcome.observations, outcome.briefs) == (None, 2, 4)

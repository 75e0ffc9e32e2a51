"""The citations stage: turn footnote text into structured works for the bibliography."""

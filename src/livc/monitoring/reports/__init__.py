"""The half-yearly report (issue 5, item 5): a period's figures for a cell or a region,
with charts, trends and commentary, generated as PDF, XLSX or CSV off the request.

- `policies`: who may read, comment on and generate which report (refusal is a 404);
- `selectors`: the cells behind a report and its figures (`report_figures`);
- `services`: opening a report, saving commentary (optimistic locking), queuing a job;
- `jobs`: running a job (thread after commit, inline, or `run_report_jobs`);
- `pdf`, `tabular`: the files. Files always hold suppressed figures: a report is made to
  leave the cell.
"""

"""Delivery: email the built briefs to stakeholders, each in their language, never twice.

The mailer reads only `build/manifest.json` (written by `dbreport.build`), so it does not depend
on how the briefs were made. Modules, from the edge inwards:

  config    `[tool.dbreport]` in pyproject.toml -> DeliveryConfig (validated, errors name the key)
  manifest  build/manifest.json -> Brief list (PDF digests checked)
  message   recipient + briefs -> one email.message.EmailMessage in the recipient's language
  ledger    SQLite record of every message: pending -> in_doubt -> sent | failed
  smtp      one message over SMTP, with retries for transient errors
  send      orchestration: plan what each recipient still lacks, record, transmit, summarise
  lock      one run at a time (fcntl) ; runlog: a log file per run
  monthly   rebuild when inputs changed, then send what changed
  schedule  systemd units and a crontab line for the monthly run
"""

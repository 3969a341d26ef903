"""The PDF report: gathering its data from the store (`data`), then laying it out
(`document`, `sections`), with charts drawn once as reportlab drawings (`charts`) that
the app shows too, the look (`styles`) and the consultancy's branding (`branding`)."""

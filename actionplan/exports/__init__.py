"""Exports of the plan for spreadsheets and machines, written into the built site."""

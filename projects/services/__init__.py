"""The rules of the projects app. Every change of state goes through a function here.

Split by subject: enrolment (seats, waiting list, cancellation, attendance), staff (a company's
staff list and its import) and needs (competence needs). Import from the submodules.
"""

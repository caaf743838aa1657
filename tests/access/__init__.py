"""The access-control matrix: one module per area lists a Rule for every URL name it owns.

``tests/test_access_matrix.py`` enumerates the project's URLconf and fails when a URL has no Rule, then
requests every URL as every persona and checks the status. Personas: anonymous, director, deputy, clerk,
lecturer, other_lecturer, trainee, other_trainee, outsider (a login with no role).
"""

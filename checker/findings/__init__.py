"""The findings stage: claims and their comparison groups in, findings out.

- :mod:`.engine` runs every enabled rule's kind over the claims it filters, and stamps each
  finding with the rule's id, name and level (configuration decides levels, here, once);
- :mod:`.suppress` applies the documents' suppression comments and reports unused ones;
- :mod:`.baseline` fingerprints findings and hides those recorded in a baseline file.

Takes claims, documents, a :class:`~checker.model.RuleSet` and evidence; gives findings,
ordered by path, line, column and rule.
"""

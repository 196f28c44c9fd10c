-- Reference data: the verdict scale readers see on every claim (rating 1 = worst).
INSERT INTO `verdicts` (`id`, `label`, `meaning`, `rating`) VALUES
  ('false', 'False', 'The evidence shows the claim is not true.', 1),
  ('misleading', 'Misleading', 'Contains some truth but leaves a false impression.', 2),
  ('disputed', 'Disputed', 'Credible parties contradict each other and the public record does not settle it.', 3),
  ('unproven', 'Unproven', 'No public evidence establishes it either way.', 4),
  ('unverified', 'Unverified', 'Recorded but not yet checked against the evidence.', 5),
  ('accurate', 'Accurate', 'The evidence supports the claim as stated.', 6);

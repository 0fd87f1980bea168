-- The deadline a case was last escalated for: the deadline job reads only overdue cases not yet escalated for their
-- current deadline, instead of re-checking every overdue case on every tick (40,000 open overdue cases cost 40,000
-- transactions a minute before). Cases escalated before this column existed are marked on the next tick.
ALTER TABLE routing_case ADD COLUMN escalated_due TIMESTAMP WITH TIME ZONE;

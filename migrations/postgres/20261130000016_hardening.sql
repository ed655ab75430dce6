-- A claimed notice carries the token of the worker that claimed it: only
-- that worker may record how sending went (a worker whose lease ran out
-- cannot overwrite what another one did since).
alter table notice add column claim_token uuid;

-- A message whose sender could not be verified although its address is a
-- resident's confirmed one: `unverified` (e-mail without a DMARC pass
-- from the municipality's gateway) or `recognised` (a caller ID or SMS
-- number). Staff see it; it never identifies anyone by itself.
alter table message add column sender_check text;

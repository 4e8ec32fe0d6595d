-- Allocations remember the server group of their instance when its policy is a hard one (affinity,
-- anti-affinity), so a claim can check the policy against every member placed so far, in the same statement that
-- takes the resources. Claims of one group are serialised by a transaction-scoped advisory lock on the group.
alter table allocation add column server_group text;
create index allocation_server_group on allocation (server_group, host) where server_group is not null;

# A 2 MB cell, made here rather than committed.
mkdir -p 2016-17
{
  printf 'contact_id,date_received,agency_type,met_threshold,strategy_meeting,outcome\n'
  printf 'C1,2016-04-04,"'
  head -c 2097152 /dev/zero | tr '\000' 'a'
  printf '",N,,\n'
} > 2016-17/lado_contacts.csv

# A NUL byte on line 3 of an otherwise valid file.
mkdir -p 2016-17
printf 'contact_id,date_received,agency_type,met_threshold,strategy_meeting,outcome\nC1,2016-04-04,Police,N,,\nC2,2016-04-05,Pol\000ice,N,,\n' > 2016-17/lado_contacts.csv

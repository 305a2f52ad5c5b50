# A zip (xlsx) signature where CSV text should be.
mkdir -p 2016-17
printf 'PK\003\004\024\000\006\000rest of a workbook' > 2016-17/lado_contacts.csv

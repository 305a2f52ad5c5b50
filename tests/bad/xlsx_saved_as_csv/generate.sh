# A zip (xlsx) signature where CSV text should be.
printf 'PK\003\004\024\000\006\000rest of a workbook' > 2016-17/lado_contacts.csv

# Two CSV files joined together: the second one's byte-order mark is on line 4.
mkdir -p 2016-17
printf '\357\273\277month,looked_after\nMar-16,463\nApr-16,468\n\357\273\277May-16,470\n' > 2016-17/looked_after_monthly.csv

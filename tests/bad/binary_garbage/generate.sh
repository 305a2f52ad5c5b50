# Random-looking bytes where a CSV should be (kept out of git as binary).
printf '\211\001\377\376garbage\002\003\n\200\201' > 2016-17/lado_contacts.csv

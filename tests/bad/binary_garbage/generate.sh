# Random-looking bytes where a CSV should be (kept out of git as binary).
mkdir -p 2016-17
printf '\211\001\377\376garbage\002\003\n\200\201' > 2016-17/lado_contacts.csv

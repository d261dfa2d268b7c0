# Writes train.csv and test.csv: card payments where the class is fraud exactly when x1 > 0.7, except on the 'atm'
# channel, whose labels are noise (fraud with probability 0.3 whatever the features). A model therefore finds fraud
# everywhere but on atm: overall recall stays high while recall on channel=atm is low, by construction.
# 'phone' appears only in the training rows, so the test data has no channel=phone slice.
import random


def rows(seed, n, phone):
    r = random.Random(seed)
    out = ["channel,country,amount,x1,x2,class"]
    for i in range(n):
        channel = "phone" if i < phone else r.choices(["atm", "web", "pos"], weights=[1, 5, 5])[0]
        country = r.choice(["NL", "DE", "FR"])
        amount = round(r.lognormvariate(4.5, 1.2), 2)
        x1 = round(r.random(), 4)
        x2 = round(r.random(), 4)
        fraud = r.random() < 0.3 if channel == "atm" else x1 > 0.7
        out.append(f"{channel},{country},{amount},{x1},{x2},{'fraud' if fraud else 'ok'}")
    return "\n".join(out) + "\n"


with open("train.csv", "w") as f:
    f.write(rows(16, 3000, 10))
with open("test.csv", "w") as f:
    f.write(rows(61, 1500, 0))

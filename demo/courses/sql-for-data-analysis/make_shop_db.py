"""Create shop.db, the sample SQLite database for the course SQL for Data Analysis.

Run it with:   python3 make_shop_db.py
Then query it: sqlite3 shop.db   (or open shop.db in DB Browser for SQLite)

Running the script again rebuilds the database from scratch.
"""

import sqlite3

CUSTOMERS = [
    # customer_id, name, city, joined_on
    (1, "Amara Okafor", "Leeds", "2023-01-14"),
    (2, "Ben Carter", "London", "2023-02-03"),
    (3, "Chen Wei", "Manchester", "2023-02-20"),
    (4, "Dana Novak", "London", "2023-03-11"),
    (5, "Eli Haddad", "Bristol", "2023-04-02"),
    (6, "Fatima Zahra", "Leeds", "2023-05-19"),
    (7, "George Mills", None, "2023-06-07"),  # city unknown
    (8, "Hana Sato", "Manchester", "2023-07-23"),  # has not ordered yet
]

ORDERS = [
    # order_id, customer_id, order_date, status, amount
    (1, 1, "2024-01-05", "shipped", 42.50),
    (2, 2, "2024-01-09", "shipped", 120.00),
    (3, 1, "2024-01-21", "shipped", 18.75),
    (4, 3, "2024-02-02", "cancelled", 64.00),
    (5, 4, "2024-02-11", "shipped", 250.00),
    (6, 2, "2024-02-14", "shipped", 35.20),
    (7, 5, "2024-02-28", "shipped", 89.99),
    (8, 6, "2024-03-03", "pending", 15.00),
    (9, 3, "2024-03-07", "shipped", 72.40),
    (10, 1, "2024-03-15", "shipped", 99.00),
    (11, 4, "2024-03-22", "shipped", 48.60),
    (12, 7, "2024-04-01", "shipped", 23.10),
    (13, 2, "2024-04-09", "cancelled", 310.00),
    (14, 5, "2024-04-18", "shipped", 54.25),
    (15, 6, "2024-04-30", "shipped", 142.80),
    (16, 3, "2024-05-06", "shipped", 66.00),
    (17, 4, "2024-05-19", "pending", 27.45),
    (18, 1, "2024-05-27", "shipped", 150.00),
    (19, 2, "2024-06-02", "shipped", 82.30),
    (20, 7, "2024-06-15", "shipped", 19.99),
]

SCHEMA = """
DROP TABLE IF EXISTS orders;
DROP TABLE IF EXISTS customers;

CREATE TABLE customers (
    customer_id INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    city        TEXT,
    joined_on   TEXT NOT NULL  -- ISO date, YYYY-MM-DD
);

CREATE TABLE orders (
    order_id    INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (customer_id),
    order_date  TEXT NOT NULL,  -- ISO date, YYYY-MM-DD
    status      TEXT NOT NULL CHECK (status IN ('shipped', 'pending', 'cancelled')),
    amount      REAL NOT NULL
);
"""


def main():
    conn = sqlite3.connect("shop.db")
    with conn:  # commits the transaction if everything succeeds
        conn.executescript(SCHEMA)
        conn.executemany("INSERT INTO customers VALUES (?, ?, ?, ?)", CUSTOMERS)
        conn.executemany("INSERT INTO orders VALUES (?, ?, ?, ?, ?)", ORDERS)
    conn.close()
    print(f"Created shop.db with {len(CUSTOMERS)} customers and {len(ORDERS)} orders.")


if __name__ == "__main__":
    main()

"""Demo course content for Elevate Learning.

Plain Python data, no Django: the ``seed_demo`` management command turns ``COURSES`` into a
course index of ``CoursePage`` and ``LessonPage`` pages.

Each course is a dict with ``title``, ``slug``, ``summary``, ``level``, ``tags``,
``estimated_hours`` (a decimal as a string), ``members_only``, ``objectives``, ``intro`` (a
list of blocks) and ``lessons``; each lesson is a dict with ``title``, ``slug``, ``minutes``
and ``body`` (a list of blocks).

A block is a ``(block_type, value)`` pair:

* ``("paragraph", html)``: Wagtail rich text using only ``<p> <h3> <b> <i> <a> <ol> <ul> <li>
  <code> <hr/>``.
* ``("heading", {"text", "level"})`` with level ``"h2"`` or ``"h3"``.
* ``("code", {"language", "code"})``.
* ``("callout", {"kind", "title", "text"})`` with kind ``"tip"``, ``"note"`` or ``"warning"``;
  ``text`` is rich text limited to bold, italic, links and code.
* ``("quote", {"quote", "attribution"})``.
* ``("image", {"caption", "label"})``: the seed command draws a simple picture titled
  ``label``.
* ``("document", {"title", "filename", "content"})``: the seed command stores ``content`` as a
  downloadable file called ``filename``.
"""

from textwrap import dedent

__all__ = ["COURSES"]


def _code(language, source):
    """A code block; ``source`` may be indented to sit nicely in this file."""
    return ("code", {"language": language, "code": dedent(source).strip("\n")})


def _document(title, filename, content):
    """A downloadable plain-text document; the file ends with exactly one newline."""
    return (
        "document",
        {"title": title, "filename": filename, "content": dedent(content).strip("\n") + "\n"},
    )


def _try_it(html):
    """The closing exercise every lesson ends with."""
    return [("heading", {"text": "Try it", "level": "h2"}), ("paragraph", html)]


# ---------------------------------------------------------------------------------------------
# 1. Python Foundations
# ---------------------------------------------------------------------------------------------

_PYTHON_FOUNDATIONS = {
    "title": "Python Foundations",
    "slug": "python-foundations",
    "summary": (
        "Learn to write small, readable Python programs from scratch: values, decisions, "
        "loops, functions, collections and files, finishing with a project that summarises "
        "real spending data."
    ),
    "level": "beginner",
    "tags": ["python", "programming"],
    "estimated_hours": "5.0",
    "members_only": False,
    "objectives": [
        "Store and combine numbers, text and true/false values in well-named variables.",
        "Control what a program does with if statements, for loops and while loops.",
        "Write and call functions that take parameters and return results.",
        "Organise data in lists and dictionaries and read and write text files safely.",
        "Handle errors with try/except and build a small data-summary program from scratch.",
    ],
    "intro": [
        (
            "paragraph",
            "<p>Python is a general-purpose programming language known for code that reads "
            "almost like plain English. It runs websites, analyses data, automates boring "
            "office tasks and teaches millions of people to program. This course assumes no "
            "previous experience: you need Python 3.11 or later from "
            '<a href="https://www.python.org/downloads/">python.org</a> and a text editor.</p>'
            "<p>Each lesson explains one idea, works through an example you can type in "
            "yourself, and ends with a short exercise. Type the examples rather than pasting "
            "them: your fingers learn the syntax faster than your eyes do.</p>",
        ),
        (
            "quote",
            {
                "quote": "Beautiful is better than ugly.\nExplicit is better than implicit.\n"
                "Simple is better than complex.\nReadability counts.",
                "attribution": "Tim Peters, The Zen of Python (PEP 20)",
            },
        ),
        _document(
            "Python Foundations cheat sheet",
            "python-foundations-cheat-sheet.txt",
            """
            PYTHON FOUNDATIONS CHEAT SHEET
            ==============================

            Values and types
              42  3.14  "text"  True / False  None
              type(x)            -> the type of x
              int("7")  float("2.5")  str(10)  bool("")   -> conversions
              f"{name} is {age}" -> f-string; f"{price:.2f}" shows 2 decimal places

            Arithmetic
              +  -  *  /   (/ always gives a float)
              //  floor division     %  remainder     **  power
              x += 1    same as    x = x + 1

            Comparisons and logic
              ==  !=  <  <=  >  >=     and  or  not     in  (membership)
              Falsy values: False, None, 0, 0.0, "", [], {}

            Decisions
              if score >= 90:
                  grade = "A"
              elif score >= 75:
                  grade = "B"
              else:
                  grade = "C"

            Loops
              for item in items:          for i in range(5):     # 0 1 2 3 4
              while condition:            break / continue
              for i, item in enumerate(items, start=1):

            Functions
              def area(width, height=1):
                  \"\"\"Return the area of a rectangle.\"\"\"
                  return width * height
              area(3, 4)   area(width=3)

            Lists
              nums = [3, 1, 2]    nums[0]  nums[-1]  nums[1:3]
              nums.append(4)  nums.insert(0, 9)  nums.remove(9)  nums.pop()
              sorted(nums)  nums.sort()  len(nums)  sum(nums)  max(nums)
              [n * 2 for n in nums if n > 1]

            Dictionaries
              ages = {"Ada": 36, "Alan": 41}
              ages["Ada"]  ages.get("Bob", 0)  ages["Bob"] = 25  del ages["Alan"]
              for name, age in ages.items():
              {name: age + 1 for name, age in ages.items()}

            Files
              with open("notes.txt", encoding="utf-8") as f:          # read
                  for line in f:
                      print(line.strip())
              with open("out.txt", "w", encoding="utf-8") as f:       # write ("a" appends)
                  f.write("hello\\n")

            Errors
              try:
                  n = int(text)
              except ValueError:
                  print("Not a number")
              Common: ValueError TypeError KeyError IndexError FileNotFoundError
                      ZeroDivisionError NameError
            """,
        ),
    ],
    "lessons": [
        {
            "title": "Values and variables",
            "slug": "values-and-variables",
            "minutes": 20,
            "body": [
                (
                    "paragraph",
                    "<p>Every Python program works with <b>values</b>: numbers, pieces of "
                    "text, yes-or-no answers. Each value has a <b>type</b>, and the type "
                    "decides what you can do with it. You will meet four types constantly:</p>"
                    "<ul><li><code>int</code>: whole numbers such as <code>42</code> or "
                    "<code>-7</code></li>"
                    "<li><code>float</code>: numbers with a decimal point such as "
                    "<code>3.14</code></li>"
                    "<li><code>str</code>: text (a <i>string</i> of characters) in quotes, "
                    "such as <code>\"hello\"</code></li>"
                    "<li><code>bool</code>: the two truth values <code>True</code> and "
                    "<code>False</code></li></ul>"
                    "<p>A <b>variable</b> is a name you give to a value so you can use it "
                    "later. You create one with a single equals sign, which means "
                    "<i>assign</i>, not <i>is equal to</i>.</p>",
                ),
                _code(
                    "python",
                    """
                    age = 36
                    height_m = 1.72
                    name = "Ada"
                    is_member = True

                    print(type(age))        # <class 'int'>
                    print(type(height_m))   # <class 'float'>
                    print(type(name))       # <class 'str'>
                    print(type(is_member))  # <class 'bool'>
                    """,
                ),
                ("heading", {"text": "Variables are names, not boxes", "level": "h2"}),
                (
                    "paragraph",
                    "<p>It helps to picture a variable as a name tag tied to a value rather "
                    "than a box that holds it. When you assign again, Python moves the tag to "
                    "a new value. Python always works out the right-hand side first, which is "
                    "why <code>count = count + 1</code> makes sense: take the current value of "
                    "<code>count</code>, add one, then point the name at the result.</p>",
                ),
                (
                    "image",
                    {
                        "label": "Names pointing at values",
                        "caption": "A variable is a name that points at a value. Assigning "
                        "again moves the name to a new value.",
                    },
                ),
                ("heading", {"text": "Combining values", "level": "h2"}),
                (
                    "paragraph",
                    "<p>Numbers support the usual arithmetic: <code>+</code>, <code>-</code>, "
                    "<code>*</code> and <code>/</code>. Division with <code>/</code> always "
                    "gives a float; <code>//</code> divides and rounds down, <code>%</code> "
                    "gives the remainder and <code>**</code> raises to a power. Strings can be "
                    "joined with <code>+</code>, but Python refuses to add a string to a "
                    "number, because it cannot guess whether you meant arithmetic or text. "
                    "Convert explicitly with <code>int()</code>, <code>float()</code> or "
                    "<code>str()</code>. The tidiest way to build text from values is an "
                    "<b>f-string</b>: put <code>f</code> before the quotes and values in curly "
                    "braces.</p>",
                ),
                _code(
                    "python",
                    """
                    price = 4.50
                    quantity = 3
                    total = price * quantity
                    print(total)                 # 13.5
                    print(7 / 2, 7 // 2, 7 % 2)  # 3.5 3 1

                    answer = input("How many cups? ")  # input() always returns a str
                    cups = int(answer)                 # so convert it before doing maths
                    print(f"{cups} cups cost £{cups * price:.2f}")
                    """,
                ),
                (
                    "paragraph",
                    "<p>The <code>:.2f</code> inside the braces formats the number with "
                    "exactly two decimal places, so three cups print as <code>£13.50</code> "
                    "rather than <code>£13.5</code>.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "tip",
                        "title": "Choose names that explain themselves",
                        "text": "<p>Python names use <code>snake_case</code>: lower-case words "
                        "joined by underscores. They may contain letters, digits and "
                        "underscores but cannot start with a digit, and <code>Total</code> "
                        "and <code>total</code> are different names. Prefer "
                        "<code>height_m</code> to <code>h</code>, and avoid reusing built-in "
                        "names such as <code>list</code>, <code>str</code> or "
                        "<code>sum</code>: you would hide the original.</p>",
                    },
                ),
                *_try_it(
                    "<p>Write a program that asks for a distance in kilometres, converts it "
                    "to miles (1 km is about 0.621371 miles) and prints a sentence such as "
                    "<code>10.0 km is 6.21 miles</code>. Then type a word instead of a number "
                    "and read the error message: which type conversion failed, and why?</p>"
                ),
            ],
        },
        {
            "title": "Making decisions and repeating: control flow",
            "slug": "control-flow",
            "minutes": 25,
            "body": [
                (
                    "paragraph",
                    "<p>So far every line has run once, top to bottom. Real programs need to "
                    "choose between actions and to repeat work. Python's <b>control flow</b> "
                    "statements do that, and they all share one rule: the lines that belong "
                    "to a statement are <b>indented</b> underneath it, conventionally by four "
                    "spaces.</p>",
                ),
                ("heading", {"text": "Choosing with if, elif and else", "level": "h2"}),
                (
                    "paragraph",
                    "<p>An <code>if</code> statement runs its block only when its condition is "
                    "true. Conditions usually compare values with <code>==</code>, "
                    "<code>!=</code>, <code>&lt;</code>, <code>&lt;=</code>, <code>&gt;</code> "
                    "or <code>&gt;=</code>, and combine them with <code>and</code>, "
                    "<code>or</code> and <code>not</code>. Add <code>elif</code> (else if) "
                    "branches for further cases and an optional <code>else</code> for "
                    "everything left over.</p>",
                ),
                _code(
                    "python",
                    """
                    temperature = 17

                    if temperature >= 25:
                        advice = "T-shirt weather"
                    elif temperature >= 15:
                        advice = "Bring a light jacket"
                    else:
                        advice = "Wear a coat"

                    print(advice)  # Bring a light jacket
                    """,
                ),
                (
                    "paragraph",
                    "<p>Python checks the branches in order and runs only the <i>first</i> one "
                    "whose condition is true, so order matters: if the "
                    "<code>&gt;= 15</code> test came first, 30 degrees would also get the "
                    "jacket advice. Conditions don't have to be comparisons: empty strings, "
                    "empty lists, <code>0</code> and <code>None</code> count as false, and "
                    "almost everything else counts as true, so <code>if name:</code> means "
                    "<i>if name is not empty</i>.</p>",
                ),
                ("heading", {"text": "Repeating with for and while", "level": "h2"}),
                (
                    "paragraph",
                    "<p>A <code>for</code> loop runs its block once for each item in a "
                    "sequence. <code>range(1, 16)</code> produces the numbers 1 to 15: the "
                    "stop value is never included. A <code>while</code> loop repeats as long "
                    "as its condition stays true, which suits situations where you don't know "
                    "in advance how many rounds you need. Inside either loop, "
                    "<code>break</code> leaves the loop immediately and <code>continue</code> "
                    "skips to the next round.</p>",
                ),
                _code(
                    "python",
                    """
                    # The classic FizzBuzz warm-up
                    for n in range(1, 16):
                        if n % 15 == 0:
                            print("FizzBuzz")
                        elif n % 3 == 0:
                            print("Fizz")
                        elif n % 5 == 0:
                            print("Buzz")
                        else:
                            print(n)

                    # How many years until savings double at 5% interest?
                    balance = 100
                    years = 0
                    while balance < 200:
                        balance = balance * 1.05
                        years += 1
                    print(f"Doubled after {years} years")  # Doubled after 15 years
                    """,
                ),
                (
                    "paragraph",
                    "<p>Notice why the FizzBuzz test for 15 comes first: a number divisible "
                    "by 15 is also divisible by 3, so the <code>Fizz</code> branch would "
                    "otherwise catch it.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "Indentation is part of the syntax",
                        "text": "<p>Python uses indentation to decide which lines belong to a "
                        "block, so a stray space changes the meaning of your program or "
                        "raises an <code>IndentationError</code>. Let your editor insert four "
                        "spaces per level and never mix tabs with spaces. Also make sure a "
                        "<code>while</code> loop changes something its condition depends on; "
                        "otherwise it runs forever. Press <b>Ctrl+C</b> to stop a runaway "
                        "program.</p>",
                    },
                ),
                *_try_it(
                    "<p>Write a countdown that prints the numbers 10 down to 1 and then "
                    "<code>Lift off!</code>. Hint: <code>range(10, 0, -1)</code> counts "
                    "backwards. Then rewrite it with a <code>while</code> loop. For a "
                    "challenge, print only the even numbers by using <code>continue</code> "
                    "to skip the odd ones.</p>"
                ),
            ],
        },
        {
            "title": "Functions: naming and reusing your code",
            "slug": "functions",
            "minutes": 25,
            "body": [
                (
                    "paragraph",
                    "<p>A <b>function</b> packages a few steps under a name so you can run "
                    "them whenever you need them. You have already <i>called</i> built-in "
                    "functions such as <code>print()</code>, <code>len()</code> and "
                    "<code>int()</code>. Defining your own keeps programs short, avoids "
                    "copy-and-paste mistakes and lets you test each piece separately.</p>"
                    "<p>You define a function with <code>def</code>, a name, and a list of "
                    "<b>parameters</b> in brackets. The indented body runs each time the "
                    "function is called, and <code>return</code> hands a result back to the "
                    "caller. The values you pass in are called <b>arguments</b>.</p>",
                ),
                _code(
                    "python",
                    '''
                    def total_price(unit_price, quantity, discount=0.0):
                        """Return the cost of `quantity` items after a fractional discount."""
                        subtotal = unit_price * quantity
                        return round(subtotal * (1 - discount), 2)


                    print(total_price(2.50, 4))                      # 10.0
                    print(total_price(2.50, 4, discount=0.1))        # 9.0
                    print(total_price(quantity=3, unit_price=1.20))  # 3.6
                    ''',
                ),
                (
                    "paragraph",
                    "<p>Three things are worth noticing. <code>discount=0.0</code> gives the "
                    "parameter a <b>default value</b>, so callers may leave it out. Arguments "
                    "can be passed by position or by name (<i>keyword arguments</i>), and "
                    "names make calls easier to read. The string on the first line of the "
                    "body is a <b>docstring</b>: it documents the function, and "
                    "<code>help(total_price)</code> displays it.</p>"
                    "<p>Beginners often confuse <code>return</code> with <code>print</code>. "
                    "<code>print</code> shows text to a person; <code>return</code> gives a "
                    "value to the code that called the function, which can store it, "
                    "compare it or pass it on. A function without a <code>return</code> "
                    "statement returns the special value <code>None</code>.</p>",
                ),
                ("heading", {"text": "Scope: what a function can see", "level": "h2"}),
                (
                    "paragraph",
                    "<p>Variables created inside a function are <b>local</b>: they exist only "
                    "while the function runs, and the rest of the program cannot see them. "
                    "That is a feature. It means you can reason about a function on its own: "
                    "information goes in through parameters and comes out through "
                    "<code>return</code>. A function can return several values at once as a "
                    "tuple, and the caller can unpack them into separate names.</p>",
                ),
                _code(
                    "python",
                    """
                    def describe(scores):
                        best = max(scores)
                        average = sum(scores) / len(scores)
                        return best, average


                    top, mean = describe([72, 88, 95, 61])
                    print(top, mean)  # 95 79.0
                    # print(best) here would raise NameError: best only exists inside describe()
                    """,
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "Don't use a list as a default value",
                        "text": "<p>Default values are created once, when the function is "
                        "defined, not on every call. With "
                        "<code>def add_item(item, basket=[])</code> every call that omits "
                        "<code>basket</code> shares the same list, so items pile up between "
                        "calls. Write <code>basket=None</code> instead and start the body with "
                        "<code>if basket is None: basket = []</code>.</p>",
                    },
                ),
                *_try_it(
                    "<p>Write <code>celsius_to_fahrenheit(celsius)</code>, which returns "
                    "<code>celsius * 9 / 5 + 32</code>, and check it with 0, 100 and -40 "
                    "(the answers are 32, 212 and -40). Then write "
                    "<code>is_leap_year(year)</code>: a year is a leap year if it is "
                    "divisible by 4, except years divisible by 100, which are leap years only "
                    "if they are also divisible by 400. Test 1900, 2000 and 2024.</p>"
                ),
            ],
        },
        {
            "title": "Lists and dictionaries",
            "slug": "lists-and-dictionaries",
            "minutes": 30,
            "body": [
                (
                    "paragraph",
                    "<p>Most useful programs handle many values at once: a shopping list, "
                    "the rows of a spreadsheet, the words in a document. Python's two "
                    "workhorse collections are the <b>list</b>, an ordered sequence, and the "
                    "<b>dictionary</b>, which looks values up by a key.</p>",
                ),
                ("heading", {"text": "Lists: ordered collections", "level": "h2"}),
                (
                    "paragraph",
                    "<p>Write a list with square brackets. Items are numbered from "
                    "<b>zero</b>, so <code>fruits[0]</code> is the first item, and negative "
                    "indexes count from the end. A <b>slice</b> such as <code>fruits[1:3]</code> "
                    "gives a new list from index 1 up to, but not including, index 3. Lists "
                    "are <i>mutable</i>: methods like <code>append()</code>, "
                    "<code>insert()</code>, <code>remove()</code>, <code>pop()</code> and "
                    "<code>sort()</code> change the list in place.</p>",
                ),
                _code(
                    "python",
                    """
                    fruits = ["apple", "banana", "cherry"]
                    fruits.append("damson")
                    print(fruits[0], fruits[-1])          # apple damson
                    print(fruits[1:3])                    # ['banana', 'cherry']
                    print(len(fruits), "kiwi" in fruits)  # 4 False

                    for position, fruit in enumerate(fruits, start=1):
                        print(position, fruit)
                    """,
                ),
                ("heading", {"text": "Dictionaries: looking things up by key", "level": "h2"}),
                (
                    "paragraph",
                    "<p>A dictionary maps <b>keys</b> to <b>values</b>, like a real "
                    "dictionary maps words to definitions. You write it with curly braces and "
                    "<code>key: value</code> pairs. <code>d[key]</code> fetches a value but "
                    "raises <code>KeyError</code> if the key is missing, while "
                    "<code>d.get(key, default)</code> returns the default instead. Assigning "
                    "to <code>d[key]</code> adds or replaces an entry. Keys are unique and "
                    "must be unchangeable values such as strings or numbers, and dictionaries "
                    "remember the order in which keys were added.</p>"
                    "<p>Counting things is the classic use. This program counts how often "
                    "each word appears:</p>",
                ),
                _code(
                    "python",
                    """
                    text = "the cat sat on the mat the end"
                    counts = {}
                    for word in text.split():
                        counts[word] = counts.get(word, 0) + 1

                    print(counts["the"])  # 3
                    for word, n in sorted(counts.items()):
                        print(f"{word}: {n}")
                    """,
                ),
                ("heading", {"text": "Comprehensions", "level": "h2"}),
                (
                    "paragraph",
                    "<p>A <b>comprehension</b> builds a new list or dictionary from an "
                    "existing collection in one readable line: what to produce, where it "
                    "comes from and, optionally, which items to keep.</p>",
                ),
                _code(
                    "python",
                    """
                    prices = {"tea": 2.20, "coffee": 2.80, "cake": 3.50}

                    cheap = [item for item, price in prices.items() if price < 3]
                    print(cheap)     # ['tea', 'coffee']

                    with_vat = {item: round(price * 1.2, 2) for item, price in prices.items()}
                    print(with_vat)  # {'tea': 2.64, 'coffee': 3.36, 'cake': 4.2}
                    """,
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "Assignment doesn't copy",
                        "text": "<p>After <code>backup = fruits</code> both names point at "
                        "the <i>same</i> list, so <code>fruits.clear()</code> empties "
                        "<code>backup</code> too. To get an independent copy, write "
                        "<code>backup = fruits.copy()</code> or <code>list(fruits)</code>; "
                        "dictionaries have a <code>copy()</code> method as well.</p>",
                    },
                ),
                *_try_it(
                    "<p>Create a dictionary of five friends and their birth years. Print "
                    "each name with their age this year, then use a comprehension to build "
                    "a list of the names of everyone born before 2000. Finally, extend the "
                    "word counter so it ignores capital letters: <i>The</i> and <i>the</i> "
                    "should count as the same word (hint: <code>word.lower()</code>).</p>"
                ),
            ],
        },
        {
            "title": "Files and errors",
            "slug": "files-and-errors",
            "minutes": 30,
            "body": [
                (
                    "paragraph",
                    "<p>Variables vanish when a program ends. To keep data you write it to a "
                    "<b>file</b>, and to use data someone else produced you read one. "
                    "<code>open()</code> takes a file name and a <b>mode</b>: "
                    "<code>\"r\"</code> to read (the default), <code>\"w\"</code> to write "
                    "(replacing any existing content) or <code>\"a\"</code> to append. Always "
                    "open files in a <code>with</code> block, which closes the file for you "
                    "even if something goes wrong, and say which text encoding you mean: "
                    "<code>encoding=\"utf-8\"</code> handles every language.</p>",
                ),
                _code(
                    "python",
                    """
                    lines = ["Ada,36", "Grace,45", "Linus,oops", "Guido,67"]

                    with open("ages.txt", "w", encoding="utf-8") as f:
                        for line in lines:
                            f.write(line + "\\n")  # write() doesn't add line breaks for you

                    with open("ages.txt", encoding="utf-8") as f:
                        for line in f:            # a file yields one line at a time
                            print(line.strip())   # strip() removes the trailing newline
                    """,
                ),
                ("heading", {"text": "When things go wrong: exceptions", "level": "h2"}),
                (
                    "paragraph",
                    "<p>When Python cannot carry out an instruction it <b>raises an "
                    "exception</b> and, unless something handles it, stops with a "
                    "<i>traceback</i>. Read a traceback from the bottom up: the last line "
                    "names the exception type and gives a message, and the lines above it "
                    "show where it happened. The types you will meet most are "
                    "<code>ValueError</code> (right type, wrong value, like "
                    "<code>int(\"oops\")</code>), <code>TypeError</code>, "
                    "<code>KeyError</code>, <code>IndexError</code> and "
                    "<code>FileNotFoundError</code>.</p>"
                    "<p>When you expect a particular problem and know what to do about it, "
                    "wrap the risky line in <code>try</code> and handle the error in "
                    "<code>except</code>. Here, one bad line in the file is reported and "
                    "skipped instead of crashing the whole program:</p>",
                ),
                _code(
                    "python",
                    """
                    total = 0
                    with open("ages.txt", encoding="utf-8") as f:
                        for line_number, line in enumerate(f, start=1):
                            name, age_text = line.strip().split(",")
                            try:
                                total += int(age_text)
                            except ValueError:
                                print(f"Line {line_number}: skipping {name}, {age_text!r} "
                                      "is not a number")
                    print("Total age:", total)  # Total age: 148

                    try:
                        with open("settings.txt", encoding="utf-8") as f:
                            settings = f.read()
                    except FileNotFoundError:
                        print("No settings file yet, using defaults.")
                        settings = ""
                    """,
                ),
                (
                    "paragraph",
                    "<p>The <code>!r</code> in the f-string shows the value with quotes "
                    "around it, which makes blank or odd values easy to spot in messages.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "Catch only what you expect",
                        "text": "<p>A bare <code>except:</code>, or "
                        "<code>except Exception: pass</code>, swallows every error, including "
                        "typos in your own code, so bugs disappear silently. Name the specific "
                        "exception you expect, keep the <code>try</code> block as small as "
                        "possible, and let unexpected errors stop the program where you can "
                        "see them.</p>",
                    },
                ),
                *_try_it(
                    "<p>Write a program that asks the user for numbers one at a time until "
                    "they type <code>done</code>, appending each valid number to "
                    "<code>numbers.txt</code> (use mode <code>\"a\"</code>). If the input "
                    "isn't a number, print a friendly message and ask again. Then write a "
                    "second program that reads the file and prints the count, total and "
                    "average, and prints a helpful message if the file doesn't exist "
                    "yet.</p>"
                ),
            ],
        },
        {
            "title": "Project: an expense summariser",
            "slug": "project-expense-summariser",
            "minutes": 45,
            "body": [
                (
                    "paragraph",
                    "<p>Time to combine everything: you will write a program that reads a "
                    "month of spending from a CSV file and prints a report showing how much "
                    "went on each category and what share of the total it was. Download the "
                    "sample data below and save it in the same folder as your program. Look "
                    "closely and you'll find one row with a missing amount: real data is "
                    "rarely tidy, and your program must cope.</p>",
                ),
                _document(
                    "Sample spending data (CSV)",
                    "expenses.csv",
                    """
                    date,category,description,amount
                    2024-03-01,housing,Rent,850.00
                    2024-03-02,food,Weekly groceries,64.30
                    2024-03-04,transport,Monthly bus pass,58.00
                    2024-03-05,bills,Electricity,47.25
                    2024-03-07,food,Coffee with Sam,6.40
                    2024-03-09,fun,Cinema tickets,21.00
                    2024-03-09,food,Weekly groceries,58.75
                    2024-03-12,bills,Mobile phone,15.00
                    2024-03-14,fun,Board game,32.99
                    2024-03-16,food,Weekly groceries,71.10
                    2024-03-18,food,Lunch with team,
                    2024-03-20,transport,Train to Leeds,39.80
                    2024-03-21,bills,Internet,30.00
                    2024-03-23,food,Weekly groceries,62.45
                    2024-03-26,fun,Concert,45.00
                    2024-03-28,housing,Contents insurance,12.50
                    2024-03-30,food,Weekly groceries,66.20
                    """,
                ),
                ("heading", {"text": "Plan before you code", "level": "h2"}),
                (
                    "paragraph",
                    "<p>Break the job into steps small enough that each becomes one "
                    "function:</p>"
                    "<ol><li><b>Load</b> the file and turn each valid row into a "
                    "<code>(category, amount)</code> pair, skipping rows that can't be "
                    "read.</li>"
                    "<li><b>Total</b> the amounts per category with a dictionary.</li>"
                    "<li><b>Report</b> the totals, largest first, with each category's "
                    "percentage of the whole.</li></ol>"
                    "<p>Python's built-in <code>csv</code> module does the fiddly part of "
                    "splitting lines into fields: <code>csv.DictReader</code> yields one "
                    "dictionary per row, keyed by the column names in the header line.</p>",
                ),
                _code(
                    "python",
                    '''
                    import csv


                    def load_expenses(path):
                        """Return a list of (category, amount) pairs from a CSV file."""
                        expenses = []
                        with open(path, newline="", encoding="utf-8") as f:
                            for row in csv.DictReader(f):
                                try:
                                    amount = float(row["amount"])
                                except ValueError:
                                    print(f"Skipping {row['date']} {row['description']}: no amount")
                                    continue
                                expenses.append((row["category"], amount))
                        return expenses


                    def total_by_category(expenses):
                        """Add up the amounts for each category."""
                        totals = {}
                        for category, amount in expenses:
                            totals[category] = totals.get(category, 0) + amount
                        return totals


                    def print_report(totals):
                        """Print one line per category, largest total first."""
                        grand_total = sum(totals.values())
                        print(f"{'Category':<12}{'Total':>10}{'Share':>8}")
                        for category, amount in sorted(
                            totals.items(), key=lambda pair: pair[1], reverse=True
                        ):
                            share = amount / grand_total * 100
                            print(f"{category:<12}{amount:>10.2f}{share:>7.1f}%")
                        print(f"{'All':<12}{grand_total:>10.2f}")


                    if __name__ == "__main__":
                        print_report(total_by_category(load_expenses("expenses.csv")))
                    ''',
                ),
                (
                    "paragraph",
                    "<p>A few new details: <code>newline=\"\"</code> is what the "
                    "<code>csv</code> documentation asks for when opening CSV files. "
                    "<code>key=lambda pair: pair[1]</code> tells <code>sorted()</code> to "
                    "order the <code>(category, amount)</code> pairs by their amount; a "
                    "<code>lambda</code> is a tiny unnamed function. Format specs such as "
                    "<code>:&lt;12</code> and <code>:&gt;10.2f</code> pad values into neat "
                    "left- and right-aligned columns. Finally, the "
                    "<code>if __name__ == \"__main__\":</code> line runs the report only "
                    "when you run the file directly, so another program could import "
                    "<code>load_expenses</code> without printing anything. Run it and "
                    "housing should top the report at 862.50, with food second at "
                    "329.20.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "tip",
                        "title": "Test the pieces on their own",
                        "text": "<p>Because each step is a separate function, you can check "
                        "it in the interactive interpreter with tiny inputs whose answers "
                        "you know, for example "
                        "<code>total_by_category([(\"food\", 2.5), (\"food\", 1.5)])</code> "
                        "should give <code>{'food': 4.0}</code>. Small, checkable functions "
                        "are the habit that makes larger programs manageable.</p>",
                    },
                ),
                *_try_it(
                    "<p>Extend the project in three steps. First, print the single largest "
                    "expense with its description. Second, let the user choose the file: "
                    "<code>import sys</code> and use <code>sys.argv[1]</code> when a file "
                    "name is given on the command line, falling back to "
                    "<code>expenses.csv</code> otherwise. Third, add your own spending for "
                    "a week and see whether the report matches what you expected.</p>"
                ),
            ],
        },
    ],
}

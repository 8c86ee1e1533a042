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
                "quote": (
                    "Beautiful is better than ugly.\n"
                    "Explicit is better than implicit.\n"
                    "Simple is better than complex.\n"
                    "Complex is better than complicated.\n"
                    "Flat is better than nested.\n"
                    "Sparse is better than dense.\n"
                    "Readability counts."
                ),
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
                    'such as <code>"hello"</code></li>'
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
                    '<code>"r"</code> to read (the default), <code>"w"</code> to write '
                    '(replacing any existing content) or <code>"a"</code> to append. Always '
                    "open files in a <code>with</code> block, which closes the file for you "
                    "even if something goes wrong, and say which text encoding you mean: "
                    '<code>encoding="utf-8"</code> handles every language.</p>',
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
                    '<code>int("oops")</code>), <code>TypeError</code>, '
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
                    '<code>numbers.txt</code> (use mode <code>"a"</code>). If the input '
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
                    '<p>A few new details: <code>newline=""</code> is what the '
                    "<code>csv</code> documentation asks for when opening CSV files. "
                    "<code>key=lambda pair: pair[1]</code> tells <code>sorted()</code> to "
                    "order the <code>(category, amount)</code> pairs by their amount; a "
                    "<code>lambda</code> is a tiny unnamed function. Format specs such as "
                    "<code>:&lt;12</code> and <code>:&gt;10.2f</code> pad values into neat "
                    "left- and right-aligned columns. Finally, the "
                    '<code>if __name__ == "__main__":</code> line runs the report only '
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
                        '<code>total_by_category([("food", 2.5), ("food", 1.5)])</code> '
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


# ---------------------------------------------------------------------------------------------
# 2. SQL for Data Analysis
# ---------------------------------------------------------------------------------------------

_SQL_FOR_DATA_ANALYSIS = {
    "title": "SQL for Data Analysis",
    "slug": "sql-for-data-analysis",
    "summary": (
        "Answer real business questions with SQL: filter and sort rows, summarise them with "
        "GROUP BY, combine tables with joins, and structure harder analyses with CTEs and "
        "window functions."
    ),
    "level": "intermediate",
    "tags": ["sql", "data"],
    "estimated_hours": "4.0",
    "members_only": False,
    "objectives": [
        "Select and filter rows precisely, including correct handling of NULL values.",
        "Summarise data with aggregate functions, GROUP BY and HAVING.",
        "Combine tables with inner and left joins without losing or duplicating rows.",
        "Break complex questions into readable steps with subqueries and CTEs.",
        "Rank rows, compute running totals and compare periods with window functions.",
    ],
    "intro": [
        (
            "paragraph",
            "<p>SQL is the language of relational databases, and for anyone who works with "
            "data it is often the fastest route from a question to an answer. This course "
            "works through one small online shop: a <code>customers</code> table and an "
            "<code>orders</code> table. Every query in it runs on "
            '<a href="https://www.sqlite.org/">SQLite</a>, which comes with Python, and '
            "almost all of it works unchanged in PostgreSQL and MySQL and with small changes "
            "in other databases; the lessons point out where dialects differ.</p>"
            "<p>To follow along, download the script below and run "
            "<code>python3 make_shop_db.py</code>. It creates <code>shop.db</code>; open it "
            "with <code>sqlite3 shop.db</code> (type <code>.headers on</code> and "
            "<code>.mode column</code> for readable output) or with a graphical tool such as "
            "DB Browser for SQLite.</p>",
        ),
        _document(
            "Sample database builder (Python)",
            "make_shop_db.py",
            '''
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
            ''',
        ),
    ],
    "lessons": [
        {
            "title": "SELECT and filtering rows",
            "slug": "select-and-filtering",
            "minutes": 25,
            "body": [
                (
                    "paragraph",
                    "<p>SQL is <i>declarative</i>: you describe the result you want and the "
                    "database works out how to fetch it. The simplest query names some "
                    "columns after <code>SELECT</code>, a table after <code>FROM</code>, and "
                    "a condition after <code>WHERE</code>. Only rows for which the condition "
                    "is true make it into the result.</p>",
                ),
                _code(
                    "sql",
                    """
                    SELECT name, city
                    FROM customers
                    WHERE city = 'London';
                    """,
                ),
                _code(
                    "text",
                    """
                    name        city
                    ----------  ------
                    Ben Carter  London
                    Dana Novak  London
                    """,
                ),
                (
                    "paragraph",
                    "<p>Text values go in <b>single</b> quotes; double quotes are for "
                    "identifiers such as column names in standard SQL. Keywords are not case "
                    "sensitive, but writing them in capitals makes queries easier to scan. "
                    "Conditions can use <code>=</code>, <code>&lt;&gt;</code> (not equal), "
                    "<code>&lt;</code>, <code>&lt;=</code>, <code>&gt;</code> and "
                    "<code>&gt;=</code>, plus a few handy shortcuts:</p>"
                    "<ul><li><code>status IN ('shipped', 'pending')</code> matches any value "
                    "in a list.</li>"
                    "<li><code>amount BETWEEN 50 AND 100</code> includes both ends.</li>"
                    "<li><code>name LIKE 'D%'</code> matches patterns: <code>%</code> stands "
                    "for any run of characters and <code>_</code> for exactly one.</li></ul>"
                    "<p>Combine conditions with <code>AND</code>, <code>OR</code> and "
                    "<code>NOT</code>. This query finds substantial shipped orders from "
                    "March and April. Because the dates are stored as ISO text "
                    "(<code>YYYY-MM-DD</code>), they compare correctly as strings:</p>",
                ),
                _code(
                    "sql",
                    """
                    SELECT order_id, order_date, amount
                    FROM orders
                    WHERE status = 'shipped'
                      AND amount >= 50
                      AND order_date BETWEEN '2024-03-01' AND '2024-04-30';
                    """,
                ),
                _code(
                    "text",
                    """
                    order_id  order_date  amount
                    --------  ----------  ------
                    9         2024-03-07  72.4
                    10        2024-03-15  99.0
                    14        2024-04-18  54.25
                    15        2024-04-30  142.8
                    """,
                ),
                ("heading", {"text": "Missing values: NULL", "level": "h2"}),
                (
                    "paragraph",
                    "<p><code>NULL</code> means <i>unknown</i> or <i>missing</i>, and it "
                    "behaves unlike any other value. Comparing anything with "
                    "<code>NULL</code>, even another <code>NULL</code>, gives "
                    "<i>unknown</i> rather than true, and <code>WHERE</code> keeps only true "
                    "rows. So <code>WHERE city = NULL</code> returns nothing at all; you must "
                    "write <code>WHERE city IS NULL</code> or <code>IS NOT NULL</code>. The "
                    "same rule bites quietly: there are eight customers and two live in "
                    "London, yet <code>WHERE city &lt;&gt; 'London'</code> returns five "
                    "rows, because George Mills's unknown city is neither equal nor unequal "
                    "to London.</p>",
                ),
                _code(
                    "sql",
                    """
                    SELECT name
                    FROM customers
                    WHERE city IS NULL;   -- George Mills
                    """,
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "AND is evaluated before OR",
                        "text": "<p><code>WHERE status = 'shipped' OR status = 'pending' AND "
                        "amount &gt; 100</code> means <i>every shipped order, plus pending "
                        "orders over 100</i>, which returns 16 rows here, not the four you "
                        "probably wanted. Add brackets, "
                        "<code>(status = 'shipped' OR status = 'pending') AND amount &gt; "
                        "100</code>, or use <code>status IN ('shipped', 'pending')</code>.</p>",
                    },
                ),
                (
                    "paragraph",
                    "<p><code>SELECT *</code> returns every column, which is handy while "
                    "exploring a table you don't know yet. In queries you keep, name the "
                    "columns you need: the result is easier to read and doesn't change shape "
                    "when someone adds a column to the table.</p>",
                ),
                *_try_it(
                    "<p>Using <code>shop.db</code>, write queries that return: (1) all "
                    "cancelled or pending orders; (2) customers who joined in the first half "
                    "of 2023; (3) customers whose name contains the letter <i>z</i> (try "
                    "<code>LIKE '%z%'</code> and check whether SQLite's <code>LIKE</code> "
                    "cares about capital letters); (4) customers whose city is "
                    "<i>not</i> Leeds, including the one with no city.</p>"
                ),
            ],
        },
        {
            "title": "Sorting and aggregation with GROUP BY and HAVING",
            "slug": "sorting-and-aggregation",
            "minutes": 30,
            "body": [
                (
                    "paragraph",
                    "<p>Rows come back in no guaranteed order unless you ask for one. "
                    "<code>ORDER BY</code> sorts by one or more columns, ascending by default "
                    "or descending with <code>DESC</code>, and <code>LIMIT</code> keeps only "
                    "the first few rows: together they answer <i>top N</i> questions.</p>",
                ),
                _code(
                    "sql",
                    """
                    -- The three largest shipped orders
                    SELECT order_id, order_date, amount
                    FROM orders
                    WHERE status = 'shipped'
                    ORDER BY amount DESC
                    LIMIT 3;
                    """,
                ),
                ("heading", {"text": "Aggregate functions", "level": "h2"}),
                (
                    "paragraph",
                    "<p><b>Aggregate functions</b> collapse many rows into one value: "
                    "<code>COUNT</code>, <code>SUM</code>, <code>AVG</code>, <code>MIN</code> "
                    "and <code>MAX</code>. <code>COUNT(*)</code> counts rows, while "
                    "<code>COUNT(city)</code> counts only rows where <code>city</code> is not "
                    "<code>NULL</code> and <code>COUNT(DISTINCT city)</code> counts different "
                    "values. On our customers table those give 8, 7 and 4. The other "
                    "aggregates also skip <code>NULL</code>s, so an average is the average "
                    "of the known values only.</p>"
                    "<p><code>GROUP BY</code> splits the rows into groups that share a value "
                    "and computes the aggregates once per group. Every column in the "
                    "<code>SELECT</code> list must either be in the <code>GROUP BY</code> or "
                    "be wrapped in an aggregate. To filter <i>groups</i> rather than rows, "
                    "use <code>HAVING</code>.</p>",
                ),
                _code(
                    "sql",
                    """
                    SELECT customer_id,
                           COUNT(*)              AS orders,
                           ROUND(SUM(amount), 2) AS revenue,
                           ROUND(AVG(amount), 2) AS avg_order
                    FROM orders
                    WHERE status = 'shipped'      -- filter rows before grouping
                    GROUP BY customer_id
                    HAVING COUNT(*) >= 3          -- filter groups after aggregating
                    ORDER BY revenue DESC;
                    """,
                ),
                _code(
                    "text",
                    """
                    customer_id  orders  revenue  avg_order
                    -----------  ------  -------  ---------
                    1            4       310.25   77.56
                    2            3       237.5    79.17
                    """,
                ),
                (
                    "paragraph",
                    "<p>It helps to know the order in which the database logically "
                    "processes a query, which differs from the order you write it in: "
                    "<code>FROM</code>, then <code>WHERE</code>, <code>GROUP BY</code>, "
                    "<code>HAVING</code>, <code>SELECT</code>, <code>ORDER BY</code> and "
                    "finally <code>LIMIT</code>. That explains why <code>WHERE</code> cannot "
                    "use an aggregate (the groups don't exist yet) and why "
                    "<code>ORDER BY</code> can use the alias <code>revenue</code> (it runs "
                    "after <code>SELECT</code> has named it). <code>ROUND</code> is there "
                    "because the amounts are floating-point numbers, and sums of them pick "
                    "up tiny errors: Python, for example, receives the shipped total as "
                    "<code>1314.8799999999999</code>.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "SQLite is more forgiving than other databases",
                        "text": "<p>SQLite and MySQL (with some settings) let you select a "
                        "column that is neither grouped nor aggregated, and quietly return "
                        "a value from an arbitrary row of each group. PostgreSQL and SQL "
                        "Server reject the query instead. Follow the strict rule anyway so "
                        "your queries are correct and portable. Sorting also differs: SQLite "
                        "and MySQL put <code>NULL</code>s first in ascending order, "
                        "PostgreSQL puts them last.</p>",
                    },
                ),
                *_try_it(
                    "<p>Write a query that shows, for each order status, the number of "
                    "orders and their total value, largest total first. Then find the "
                    "customers whose <i>average</i> shipped order is over 70, and count how "
                    "many customers joined in each month of 2023 (hint: "
                    "<code>strftime('%Y-%m', joined_on)</code> extracts the month in "
                    "SQLite).</p>"
                ),
            ],
        },
        {
            "title": "Combining tables with joins",
            "slug": "joins",
            "minutes": 30,
            "body": [
                (
                    "paragraph",
                    "<p>Well-designed databases store each fact once: an order records the "
                    "<code>customer_id</code>, not the customer's name and city. A "
                    "<b>join</b> puts the pieces back together by matching rows on a "
                    "condition, usually a key. An <b>inner join</b> (<code>JOIN</code> or "
                    "<code>INNER JOIN</code>) returns only the pairs of rows that match. Table "
                    "aliases such as <code>o</code> and <code>c</code> keep the query short "
                    "and make it clear which table each column comes from.</p>",
                ),
                _code(
                    "sql",
                    """
                    SELECT c.name, o.order_date, o.amount
                    FROM orders AS o
                    JOIN customers AS c ON c.customer_id = o.customer_id
                    WHERE o.status = 'shipped'
                    ORDER BY o.order_date
                    LIMIT 5;
                    """,
                ),
                (
                    "image",
                    {
                        "label": "Inner join and left join",
                        "caption": "An inner join keeps only matching rows; a left join keeps "
                        "every row of the left table and fills the gaps with NULL.",
                    },
                ),
                ("heading", {"text": "Keeping unmatched rows with LEFT JOIN", "level": "h2"}),
                (
                    "paragraph",
                    "<p>Hana Sato has never ordered, so an inner join from customers to "
                    "orders drops her entirely. A <b>left join</b> keeps every row from the "
                    "left-hand table; where there is no match, the right-hand columns are "
                    "<code>NULL</code>. That makes it the tool for questions like <i>how "
                    "many orders has each customer placed, including none?</i></p>",
                ),
                _code(
                    "sql",
                    """
                    SELECT c.name, COUNT(o.order_id) AS orders
                    FROM customers AS c
                    LEFT JOIN orders AS o ON o.customer_id = c.customer_id
                    GROUP BY c.customer_id, c.name
                    ORDER BY orders DESC, c.name;
                    """,
                ),
                (
                    "paragraph",
                    "<p>Hana appears last with 0. Note <code>COUNT(o.order_id)</code>, not "
                    "<code>COUNT(*)</code>: her row exists, so <code>COUNT(*)</code> would "
                    "report 1. To list <i>only</i> the customers without orders, keep the "
                    "left join and add <code>WHERE o.order_id IS NULL</code>, a pattern "
                    "sometimes called an <i>anti-join</i>.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "A WHERE clause can undo your LEFT JOIN",
                        "text": "<p>To count each customer's <i>cancelled</i> orders, putting "
                        "<code>WHERE o.status = 'cancelled'</code> after the left join throws "
                        "away every customer without a cancelled order, because their "
                        "<code>o.status</code> is <code>NULL</code>: you get 2 rows, not 8. "
                        "Put conditions on the right-hand table in the join itself: "
                        "<code>LEFT JOIN orders AS o ON o.customer_id = c.customer_id AND "
                        "o.status = 'cancelled'</code>.</p>",
                    },
                ),
                (
                    "paragraph",
                    "<p>Finally, watch the row count whenever you join. Joining a customer "
                    "to their orders turns one customer row into as many rows as they have "
                    "orders. That is exactly right for order-level questions, but if you "
                    "then also join another one-to-many table (say, support tickets) the "
                    "rows multiply and sums become silently inflated. Aggregate each table "
                    "separately first, then join the summaries.</p>",
                ),
                *_try_it(
                    "<p>Write a query that shows total shipped revenue per city, largest "
                    "first. What happens to George Mills's orders, whose city is "
                    "<code>NULL</code>? Use <code>COALESCE(c.city, '(unknown)')</code> to "
                    "label that group (London should come top with 536.1). Then list each "
                    "customer with the date of their most recent order, including customers "
                    "who have never ordered.</p>"
                ),
            ],
        },
        {
            "title": "Subqueries and common table expressions",
            "slug": "subqueries-and-ctes",
            "minutes": 30,
            "body": [
                (
                    "paragraph",
                    "<p>Many questions need an intermediate answer first: <i>which orders "
                    "were above average?</i> requires the average. A <b>subquery</b> is a "
                    "complete query in brackets, used inside another. A subquery that "
                    "returns a single value can go anywhere a value can:</p>",
                ),
                _code(
                    "sql",
                    """
                    SELECT order_id, customer_id, amount
                    FROM orders
                    WHERE status = 'shipped'
                      AND amount > (SELECT AVG(amount) FROM orders WHERE status = 'shipped')
                    ORDER BY amount DESC;
                    """,
                ),
                (
                    "paragraph",
                    "<p>The average shipped order is about 82.18, so this returns seven "
                    "orders, from 250.0 down to 82.3. A subquery that returns a column of "
                    "values works with <code>IN</code>, and <code>EXISTS</code> tests "
                    "whether a subquery returns any rows at all. An <code>EXISTS</code> "
                    "subquery usually refers to the outer query's row, which makes it "
                    "<b>correlated</b>: conceptually it runs once per outer row.</p>",
                ),
                _code(
                    "sql",
                    """
                    -- Customers who have cancelled at least one order
                    SELECT name
                    FROM customers
                    WHERE customer_id IN (
                        SELECT customer_id FROM orders WHERE status = 'cancelled'
                    );

                    -- Customers with no shipped orders
                    SELECT c.name
                    FROM customers AS c
                    WHERE NOT EXISTS (
                        SELECT 1
                        FROM orders AS o
                        WHERE o.customer_id = c.customer_id
                          AND o.status = 'shipped'
                    );
                    """,
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "NOT IN and NULL don't mix",
                        "text": "<p>If the subquery behind <code>NOT IN</code> returns even "
                        "one <code>NULL</code>, the condition can never be true and the "
                        "query returns no rows at all. For example, "
                        "<code>city NOT IN (SELECT city FROM customers WHERE customer_id IN "
                        "(2, 7))</code> is empty because George's city is unknown. Prefer "
                        "<code>NOT EXISTS</code>, which behaves as you would expect.</p>",
                    },
                ),
                ("heading", {"text": "Naming steps with WITH", "level": "h2"}),
                (
                    "paragraph",
                    "<p>Nested subqueries get hard to read quickly. A <b>common table "
                    "expression</b> (CTE), introduced with <code>WITH</code>, gives an "
                    "intermediate result a name so that the main query can use it like a "
                    "table. You can define several CTEs separated by commas, each building "
                    "on the ones before, and refer to a CTE more than once. This query "
                    "finds customers who spent more than the average customer:</p>",
                ),
                _code(
                    "sql",
                    """
                    WITH customer_totals AS (
                        SELECT customer_id, SUM(amount) AS total_spent
                        FROM orders
                        WHERE status = 'shipped'
                        GROUP BY customer_id
                    )
                    SELECT c.name, ROUND(ct.total_spent, 2) AS total_spent
                    FROM customer_totals AS ct
                    JOIN customers AS c ON c.customer_id = ct.customer_id
                    WHERE ct.total_spent > (SELECT AVG(total_spent) FROM customer_totals)
                    ORDER BY ct.total_spent DESC;
                    """,
                ),
                _code(
                    "text",
                    """
                    name          total_spent
                    ------------  -----------
                    Amara Okafor  310.25
                    Dana Novak    298.6
                    Ben Carter    237.5
                    """,
                ),
                (
                    "paragraph",
                    "<p>Notice that the average here is an average of per-customer totals "
                    "(about 187.84), which is a different question from the average order. "
                    "Naming the step makes that distinction visible, which is the real "
                    "value of CTEs: they let a reviewer check your logic one piece at a "
                    "time.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "tip",
                        "title": "Build CTEs one step at a time",
                        "text": "<p>Write the first CTE, then temporarily end the query with "
                        "<code>SELECT * FROM customer_totals;</code> and check the "
                        "intermediate result before adding the next step. Most mistakes in "
                        "long queries are visible in an intermediate table long before they "
                        "show up in the final number.</p>",
                    },
                ),
                *_try_it(
                    "<p>Using a CTE, compute each customer's number of shipped orders, then "
                    "return only customers whose count is above the average count. Next, "
                    "find each customer's largest order with a correlated subquery "
                    "(<code>WHERE o.amount = (SELECT MAX(o2.amount) FROM orders AS o2 WHERE "
                    "o2.customer_id = o.customer_id)</code>). Keep your answer: the next "
                    "lesson solves the same problem with a window function.</p>"
                ),
            ],
        },
        {
            "title": "Window functions: rankings, running totals and comparisons",
            "slug": "window-functions",
            "minutes": 35,
            "body": [
                (
                    "paragraph",
                    "<p><code>GROUP BY</code> collapses each group into one row. Often you "
                    "want the group's figures <i>next to</i> the individual rows instead: "
                    "each order beside its customer's total, or each month beside the "
                    "running total so far. <b>Window functions</b> do exactly that. You "
                    "write an aggregate or ranking function followed by "
                    "<code>OVER (...)</code>, which defines the <i>window</i> of rows it "
                    "looks at: <code>PARTITION BY</code> splits rows into groups and "
                    "<code>ORDER BY</code> orders rows within each group. The rows "
                    "themselves are not collapsed.</p>",
                ),
                _code(
                    "sql",
                    """
                    SELECT order_id,
                           customer_id,
                           amount,
                           ROUND(SUM(amount) OVER (PARTITION BY customer_id), 2) AS customer_total,
                           ROUND(100.0 * amount / SUM(amount) OVER (PARTITION BY customer_id), 1)
                               AS pct_of_customer
                    FROM orders
                    WHERE status = 'shipped'
                    ORDER BY customer_id, order_id;
                    """,
                ),
                ("heading", {"text": "Ranking rows", "level": "h2"}),
                (
                    "paragraph",
                    "<p><code>ROW_NUMBER()</code> numbers the rows in each partition 1, 2, "
                    "3 and so on. <code>RANK()</code> gives tied rows the same rank and then "
                    "skips (1, 2, 2, 4), while <code>DENSE_RANK()</code> doesn't skip (1, 2, "
                    "2, 3). To get <i>the top row per group</i>, number the rows in a CTE "
                    "and keep number 1:</p>",
                ),
                _code(
                    "sql",
                    """
                    WITH ranked AS (
                        SELECT customer_id,
                               order_id,
                               amount,
                               ROW_NUMBER() OVER (
                                   PARTITION BY customer_id ORDER BY amount DESC
                               ) AS rn
                        FROM orders
                        WHERE status = 'shipped'
                    )
                    SELECT customer_id, order_id, amount
                    FROM ranked
                    WHERE rn = 1
                    ORDER BY amount DESC;
                    """,
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "You can't filter on a window function directly",
                        "text": "<p>Window functions are computed after <code>WHERE</code>, "
                        "<code>GROUP BY</code> and <code>HAVING</code>, so "
                        "<code>WHERE ROW_NUMBER() OVER (...) = 1</code> is an error. Compute "
                        "the value in a CTE or subquery, as above, and filter in the outer "
                        "query.</p>",
                    },
                ),
                (
                    "heading",
                    {"text": "Running totals and period-over-period change", "level": "h2"},
                ),
                (
                    "paragraph",
                    "<p>With an <code>ORDER BY</code> inside <code>OVER</code>, "
                    "<code>SUM</code> becomes a running total: each row sees every row from "
                    "the start up to itself. <code>LAG(column)</code> reads the value from "
                    "the previous row (and <code>LEAD</code> from the next one), which makes "
                    "month-on-month change a one-liner. Here the CTE first totals revenue "
                    "per month; <code>strftime</code> is SQLite's date formatter, and "
                    "PostgreSQL would use <code>date_trunc('month', order_date)</code>.</p>",
                ),
                _code(
                    "sql",
                    """
                    WITH monthly AS (
                        SELECT strftime('%Y-%m', order_date) AS month,
                               SUM(amount) AS revenue
                        FROM orders
                        WHERE status = 'shipped'
                        GROUP BY month
                    )
                    SELECT month,
                           ROUND(revenue, 2) AS revenue,
                           ROUND(SUM(revenue) OVER (ORDER BY month), 2) AS running_total,
                           ROUND(revenue - LAG(revenue) OVER (ORDER BY month), 2) AS change
                    FROM monthly
                    ORDER BY month;
                    """,
                ),
                _code(
                    "text",
                    """
                    month    revenue  running_total  change
                    -------  -------  -------------  -------
                    2024-01  181.25   181.25
                    2024-02  375.19   556.44         193.94
                    2024-03  220.0    776.44         -155.19
                    2024-04  220.15   996.59         0.15
                    2024-05  216.0    1212.59        -4.15
                    2024-06  102.29   1314.88        -113.71
                    """,
                ),
                (
                    "paragraph",
                    "<p>The first month has no previous row, so its change is "
                    "<code>NULL</code>. Window functions need SQLite 3.25 or later "
                    "(2018); check yours with <code>SELECT sqlite_version();</code>.</p>",
                ),
                _document(
                    "SQL for Data Analysis cheat sheet",
                    "sql-cheat-sheet.txt",
                    """
                    SQL FOR DATA ANALYSIS CHEAT SHEET
                    =================================

                    Logical order of a query
                      FROM -> WHERE -> GROUP BY -> HAVING -> SELECT -> window functions
                      -> ORDER BY -> LIMIT

                    Filtering rows
                      WHERE a = 1 AND (b = 'x' OR b = 'y')
                      WHERE status IN ('shipped', 'pending')
                      WHERE amount BETWEEN 50 AND 100        -- inclusive at both ends
                      WHERE name LIKE 'D%'                   -- % any run, _ one character
                      WHERE city IS NULL / IS NOT NULL       -- never "= NULL"

                    Sorting
                      ORDER BY amount DESC, name ASC
                      LIMIT 10

                    Aggregates (all skip NULLs except COUNT(*))
                      COUNT(*)  COUNT(col)  COUNT(DISTINCT col)  SUM  AVG  MIN  MAX
                      GROUP BY col1, col2      -- every selected column grouped or aggregated
                      HAVING COUNT(*) >= 3     -- filters groups; WHERE filters rows

                    Joins
                      FROM a JOIN b ON b.a_id = a.id              -- matching rows only
                      FROM a LEFT JOIN b ON b.a_id = a.id         -- all of a, NULLs for no match
                      ... LEFT JOIN b ON ... WHERE b.id IS NULL   -- rows of a with no match
                      Put conditions on the right-hand table of a LEFT JOIN in ON, not WHERE.

                    Subqueries
                      WHERE amount > (SELECT AVG(amount) FROM orders)
                      WHERE id IN (SELECT customer_id FROM orders)
                      WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id)
                      Avoid NOT IN (subquery) when the subquery can return NULL.

                    Common table expressions
                      WITH step_one AS (SELECT ...),
                           step_two AS (SELECT ... FROM step_one)
                      SELECT ... FROM step_two;

                    Window functions
                      SUM(x) OVER (PARTITION BY g)                 -- group total on every row
                      SUM(x) OVER (ORDER BY d)                     -- running total
                      ROW_NUMBER() / RANK() / DENSE_RANK() OVER (PARTITION BY g ORDER BY x DESC)
                      LAG(x) OVER (ORDER BY d)   LEAD(x) OVER (ORDER BY d)
                      Filter on a window result in an outer query or CTE, not in WHERE.

                    Handy functions
                      COALESCE(a, b)       first non-NULL value
                      ROUND(x, 2)          round to 2 decimal places
                      CASE WHEN x > 100 THEN 'big' ELSE 'small' END
                      strftime('%Y-%m', d) SQLite: year-month of a date
                    """,
                ),
                *_try_it(
                    "<p>Rewrite the <i>largest order per customer</i> query from the last "
                    "lesson with <code>RANK()</code> instead of <code>ROW_NUMBER()</code> and "
                    "think about how the two would differ if a customer had two orders of "
                    "the same amount. Then add a column showing each customer's orders "
                    "numbered in date order (1 for their first order), and finally compute "
                    "a running count of new customers by <code>joined_on</code> date.</p>"
                ),
            ],
        },
    ],
}


# ---------------------------------------------------------------------------------------------
# 3. Web Accessibility Essentials
# ---------------------------------------------------------------------------------------------

_WEB_ACCESSIBILITY_ESSENTIALS = {
    "title": "Web Accessibility Essentials",
    "slug": "web-accessibility-essentials",
    "summary": (
        "Build web pages that everyone can use, including people who rely on keyboards, "
        "screen readers or high contrast, with semantic HTML, good focus handling, labelled "
        "forms and practical testing."
    ),
    "level": "intermediate",
    "tags": ["accessibility", "html", "web"],
    "estimated_hours": "4.0",
    "members_only": False,
    "objectives": [
        "Explain who benefits from accessibility and the four WCAG principles: POUR.",
        "Structure pages with semantic HTML, landmarks, headings and useful alternative text.",
        "Make every interaction work from the keyboard with a clearly visible focus.",
        "Build forms with proper labels, grouped controls, hints and helpful error messages.",
        "Check colour contrast and test pages with automated tools, a keyboard and a screen "
        "reader.",
    ],
    "intro": [
        (
            "paragraph",
            "<p>Accessibility is the practice of making websites and apps usable by as many "
            "people as possible, including disabled people who use the web through screen "
            "readers, magnifiers, voice control, switches or just a keyboard. It is also "
            "simply good engineering: accessible pages tend to be faster, more robust and "
            "easier for everyone to use.</p>"
            "<p>This course is for people who already write some HTML and CSS. Each lesson "
            "focuses on changes you can make to real pages today, grounded in the "
            '<a href="https://www.w3.org/WAI/standards-guidelines/wcag/">Web Content '
            "Accessibility Guidelines (WCAG)</a>.</p>",
        ),
        (
            "quote",
            {
                "quote": "The power of the Web is in its universality. Access by everyone "
                "regardless of disability is an essential aspect.",
                "attribution": "Tim Berners-Lee, W3C Director and inventor of the World Wide Web",
            },
        ),
    ],
    "lessons": [
        {
            "title": "Why accessibility matters",
            "slug": "why-accessibility-matters",
            "minutes": 20,
            "body": [
                (
                    "paragraph",
                    "<p>The World Health Organization estimates that about 1.3 billion "
                    "people, roughly one in six of us, live with a significant disability. "
                    "On the web, the barriers they meet fall into a few broad groups:</p>"
                    "<ul><li><b>Visual</b>: blindness, low vision and colour-vision "
                    "deficiencies. People may use a screen reader, which speaks the page or "
                    "shows it in braille, or zoom the page to 400%.</li>"
                    "<li><b>Hearing</b>: deaf and hard-of-hearing people need captions and "
                    "transcripts for audio and video.</li>"
                    "<li><b>Motor</b>: people who cannot use a mouse rely on the keyboard, "
                    "switch devices or voice control.</li>"
                    "<li><b>Cognitive</b>: people with dyslexia, memory or attention "
                    "difficulties benefit from clear language, consistent layouts and "
                    "forgiving forms.</li></ul>"
                    "<p>Disability is not always permanent. Someone with a broken wrist, a "
                    "parent holding a baby in one arm, or a commuter reading in bright "
                    "sunlight meets many of the same barriers. Features built for "
                    "accessibility, such as captions, keyboard shortcuts and good contrast, "
                    "end up helping almost everyone. There are legal reasons too: laws such "
                    "as the Americans with Disabilities Act, the UK's public sector "
                    "accessibility regulations and the European Accessibility Act are "
                    "widely interpreted or written to require accessible digital services, "
                    "usually by reference to WCAG.</p>",
                ),
                ("heading", {"text": "WCAG and the four principles", "level": "h2"}),
                (
                    "paragraph",
                    "<p>The Web Content Accessibility Guidelines are published by the W3C's "
                    "Web Accessibility Initiative. The current version, WCAG 2.2, became a "
                    "W3C Recommendation in October 2023. It contains testable <i>success "
                    "criteria</i> at three levels: A (the minimum), AA and AAA. Most laws and "
                    "organisational policies ask for level AA. Every criterion sits under one "
                    "of four principles, remembered as <b>POUR</b>:</p>"
                    "<ol><li><b>Perceivable</b>: people can perceive the content with the "
                    "senses they have, for example through text alternatives for images, "
                    "captions for video and sufficient colour contrast.</li>"
                    "<li><b>Operable</b>: people can operate the interface, for example with "
                    "a keyboard alone, with enough time to read and act, and without content "
                    "that flashes more than three times a second.</li>"
                    "<li><b>Understandable</b>: content and behaviour make sense, with "
                    "readable text, predictable navigation and help for avoiding and fixing "
                    "input mistakes.</li>"
                    "<li><b>Robust</b>: content works reliably with browsers and assistive "
                    "technologies, which mostly means using standard HTML correctly so that "
                    "every control exposes its name, role and state.</li></ol>",
                ),
                (
                    "image",
                    {
                        "label": "POUR: the four WCAG principles",
                        "caption": "WCAG success criteria are grouped under four principles: "
                        "Perceivable, Operable, Understandable and Robust.",
                    },
                ),
                (
                    "callout",
                    {
                        "kind": "tip",
                        "title": "Start with the most common failures",
                        "text": "<p>The WebAIM Million, an annual automated survey of the "
                        "home pages of the top million websites, keeps finding the same "
                        "handful of problems: low-contrast text, images without alternative "
                        "text, form inputs without labels, empty links, empty buttons and a "
                        "missing page language. Fixing just these puts a site ahead of most "
                        "of the web.</p>",
                    },
                ),
                (
                    "paragraph",
                    "<p>Most of these take one line of HTML to fix:</p>",
                ),
                _code(
                    "html",
                    """
                    <!-- Missing page language: declare it on the root element -->
                    <html lang="en">

                    <!-- Image with no alternative text: say what it shows or does -->
                    <img src="team-photo.jpg" alt="Our five support staff at the summer meetup">

                    <!-- Empty button (icon only): give the icon a text alternative -->
                    <button type="button"><img src="search-icon.svg" alt="Search"></button>

                    <!-- Input without a label: connect one with for and id -->
                    <label for="q">Search recipes</label>
                    <input id="q" name="q" type="search">
                    """,
                ),
                *_try_it(
                    "<p>Pick a website you use every week. First, put your mouse away and "
                    "try to complete one real task, such as a search or a purchase, using "
                    "only <b>Tab</b>, <b>Shift+Tab</b>, <b>Enter</b>, <b>Space</b> and the "
                    "arrow keys. Then zoom the page to 200% and try again. Write down each "
                    "barrier you meet and decide which of the four POUR principles it "
                    "breaks.</p>"
                ),
            ],
        },
        {
            "title": "Semantic HTML: structure that machines understand",
            "slug": "semantic-html",
            "minutes": 30,
            "body": [
                (
                    "paragraph",
                    "<p>Browsers turn your HTML into an <b>accessibility tree</b> that "
                    "assistive technologies read. For each element it records a <i>role</i> "
                    "(button, link, heading), a <i>name</i> (the words that identify it) and "
                    "any <i>state</i> (checked, expanded, disabled). When you use the right "
                    "HTML element, all of that comes for free. When you build controls from "
                    "generic <code>&lt;div&gt;</code>s, you have to recreate it by hand and "
                    "usually miss something.</p>",
                ),
                _code(
                    "html",
                    """
                    <!-- Looks like a button but isn't one: not focusable, ignores Enter and
                         Space, and a screen reader announces only the text "Save" -->
                    <div class="button" onclick="save()">Save</div>

                    <!-- A real button: focusable, works with Enter and Space,
                         announced as "Save, button" -->
                    <button type="button" onclick="save()">Save</button>
                    """,
                ),
                ("heading", {"text": "Landmarks and headings", "level": "h2"}),
                (
                    "paragraph",
                    "<p>Screen reader users rarely listen to a page from top to bottom. They "
                    "jump between <b>landmarks</b> and <b>headings</b>, much as sighted "
                    "users scan. Landmarks come from the sectioning elements "
                    "<code>&lt;header&gt;</code>, <code>&lt;nav&gt;</code>, "
                    "<code>&lt;main&gt;</code>, <code>&lt;aside&gt;</code> and "
                    "<code>&lt;footer&gt;</code>. Headings should form an outline: one "
                    "<code>&lt;h1&gt;</code> describing the page, then <code>&lt;h2&gt;</code> "
                    "sections with <code>&lt;h3&gt;</code> subsections, without skipping "
                    "levels. Choose heading levels for structure and use CSS for size. The "
                    "<code>lang</code> attribute tells screen readers which language and "
                    "pronunciation rules to use, and a descriptive <code>&lt;title&gt;</code> "
                    "is the first thing announced when the page loads.</p>",
                ),
                _code(
                    "html",
                    """
                    <!DOCTYPE html>
                    <html lang="en">
                    <head>
                      <meta charset="utf-8">
                      <meta name="viewport" content="width=device-width, initial-scale=1">
                      <title>Order history - Elevate Shop</title>
                    </head>
                    <body>
                      <header>
                        <a href="/">Elevate Shop</a>
                        <nav aria-label="Main">
                          <ul>
                            <li><a href="/products">Products</a></li>
                            <li><a href="/orders" aria-current="page">Orders</a></li>
                          </ul>
                        </nav>
                      </header>
                      <main>
                        <h1>Order history</h1>
                        <h2>2024</h2>
                        <p>You have no orders this year.</p>
                      </main>
                      <footer>
                        <p><a href="/accessibility">Accessibility statement</a></p>
                      </footer>
                    </body>
                    </html>
                    """,
                ),
                ("heading", {"text": "Alternative text for images", "level": "h2"}),
                (
                    "paragraph",
                    "<p>Every <code>&lt;img&gt;</code> needs an <code>alt</code> attribute. "
                    "Write what the image <i>contributes</i> in its context, not a "
                    "description of every pixel, and skip phrases like <i>image of</i>, "
                    "because screen readers already say it is an image. An image that is "
                    'purely decorative gets an empty <code>alt=""</code> so that it is '
                    "skipped. An image that is the only content of a link or button "
                    "describes the action or destination.</p>",
                ),
                _code(
                    "html",
                    """
                    <img src="sales-chart.png"
                         alt="Monthly sales rose steadily from 120 in January to 310 in June">
                    <img src="divider.svg" alt="">
                    <a href="/basket"><img src="basket-icon.svg" alt="Basket"></a>
                    """,
                ),
                (
                    "callout",
                    {
                        "kind": "note",
                        "title": "Reach for ARIA last",
                        "text": "<p>ARIA attributes such as <code>role</code> and "
                        "<code>aria-label</code> can patch the accessibility tree, but they "
                        "only change what is <i>announced</i>; they add no keyboard "
                        "behaviour. The W3C's own guidance is to use a native HTML element "
                        "whenever one exists, and incorrect ARIA often makes a page worse "
                        "than none at all.</p>",
                    },
                ),
                *_try_it(
                    "<p>Open a page you have built and list its landmarks and its heading "
                    "outline. The accessibility tree in your browser's developer tools "
                    "shows both, and the W3C's "
                    '<a href="https://validator.w3.org/nu/">Nu HTML Checker</a> lists the '
                    "heading outline when you tick its <i>outline</i> option. Fix any "
                    "skipped heading levels, replace clickable "
                    "<code>&lt;div&gt;</code>s with <code>&lt;button&gt;</code> or "
                    "<code>&lt;a&gt;</code>, and review every <code>alt</code> text: would "
                    "it make sense read aloud in place of the image?</p>"
                ),
            ],
        },
        {
            "title": "Keyboard access and focus",
            "slug": "keyboard-and-focus",
            "minutes": 30,
            "body": [
                (
                    "paragraph",
                    "<p>Many people never use a mouse: people with tremors or limited "
                    "movement, screen reader users, people using switch devices or voice "
                    "control that emulate key presses, and plenty of power users. WCAG "
                    "requires that <b>all functionality is available from the keyboard</b> "
                    "and that focus never gets stuck. The basic keys are <b>Tab</b> and "
                    "<b>Shift+Tab</b> to move between interactive elements, <b>Enter</b> to "
                    "follow links and press buttons, <b>Space</b> for buttons and "
                    "checkboxes, the <b>arrow keys</b> inside radio groups, menus and "
                    "selects, and <b>Escape</b> to close dialogs.</p>"
                    "<p>Links, buttons and form fields are focusable and keyboard-operable "
                    "by default, which is another reason to use them. Focus moves in "
                    "<b>source order</b>, so keep your HTML in a logical reading order "
                    "rather than rearranging it visually with CSS.</p>",
                ),
                ("heading", {"text": "Keep focus visible", "level": "h2"}),
                (
                    "paragraph",
                    "<p>A keyboard user needs to see where they are. Browsers draw a focus "
                    "outline, but designers often remove it because it appears on mouse "
                    "clicks too. The <code>:focus-visible</code> pseudo-class solves that: "
                    "browsers apply it when focus should be shown, typically for keyboard "
                    "navigation, so you can design a strong indicator without annoying mouse "
                    "users.</p>",
                ),
                _code(
                    "css",
                    """
                    /* Never do this without a replacement: it hides where keyboard users are.
                       button:focus { outline: none; } */

                    :focus-visible {
                      outline: 3px solid #1a5fb4;
                      outline-offset: 2px;
                    }
                    """,
                ),
                ("heading", {"text": "Skip links and tabindex", "level": "h2"}),
                (
                    "paragraph",
                    "<p>Tabbing through the same header and navigation on every page is "
                    "tedious, so give keyboard users a <b>skip link</b>: the first focusable "
                    "element on the page, hidden off-screen until it receives focus, that "
                    "jumps to the main content. The <code>tabindex</code> attribute adjusts "
                    'focusability: <code>tabindex="0"</code> adds an element to the '
                    'natural tab order and <code>tabindex="-1"</code> makes it focusable '
                    "by script or link target but not by Tab. Positive values force a "
                    "custom order that almost always ends up confusing; avoid them.</p>",
                ),
                _code(
                    "html",
                    """
                    <body>
                      <a class="skip-link" href="#main">Skip to main content</a>
                      <header>...</header>
                      <main id="main" tabindex="-1">...</main>
                    </body>
                    """,
                ),
                _code(
                    "css",
                    """
                    .skip-link {
                      position: absolute;
                      top: -3rem;
                      left: 1rem;
                      padding: 0.5rem 1rem;
                      background: #ffffff;
                      color: #1a1a1a;
                      z-index: 100;
                    }

                    .skip-link:focus {
                      top: 1rem;
                    }
                    """,
                ),
                (
                    "paragraph",
                    "<p>When content appears or disappears, manage focus deliberately. A "
                    "modal dialog should take focus when it opens and hand it back to the "
                    "button that opened it when it closes. The native "
                    "<code>&lt;dialog&gt;</code> element opened with "
                    "<code>showModal()</code> does most of this for you: it moves focus "
                    "inside, makes the rest of the page inert and closes on Escape.</p>",
                ),
                _code(
                    "html",
                    """
                    <button type="button" id="open-confirm">Delete account</button>

                    <dialog id="confirm" aria-labelledby="confirm-title">
                      <h2 id="confirm-title">Delete your account?</h2>
                      <p>This cannot be undone.</p>
                      <form method="dialog">
                        <button value="cancel">Cancel</button>
                        <button value="delete">Delete</button>
                      </form>
                    </dialog>

                    <script>
                      const dialog = document.getElementById("confirm");
                      document.getElementById("open-confirm")
                        .addEventListener("click", () => dialog.showModal());
                    </script>
                    """,
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "A click handler is not enough",
                        "text": "<p>Adding <code>onclick</code> to a <code>&lt;div&gt;</code> "
                        "or <code>&lt;span&gt;</code> creates something only a mouse can use. "
                        'Making it accessible needs <code>role="button"</code>, '
                        '<code>tabindex="0"</code> and key handlers for Enter and Space; a '
                        "<code>&lt;button&gt;</code> gives you all of that in one tag.</p>",
                    },
                ),
                *_try_it(
                    "<p>Tab through one of your own pages from the address bar to the "
                    "footer. (In Safari on a Mac, first turn on <i>Press Tab to highlight "
                    "each item on a webpage</i> in the Advanced settings.) At every stop, "
                    "ask: can I see where focus is, is the order logical, and can I "
                    "activate this with Enter or Space? Add a skip link and a "
                    "<code>:focus-visible</code> style, then test again.</p>"
                ),
            ],
        },
        {
            "title": "Accessible forms and labels",
            "slug": "forms-and-labels",
            "minutes": 30,
            "body": [
                (
                    "paragraph",
                    "<p>Forms are where people sign up, pay and ask for help, so an "
                    "inaccessible form can lock someone out of a service entirely. The most "
                    "important rule is that <b>every control has a visible label that is "
                    "programmatically connected to it</b>. Use a <code>&lt;label&gt;</code> "
                    "whose <code>for</code> attribute matches the input's <code>id</code>. "
                    "Screen readers then announce the label when the field gets focus, and "
                    "clicking the label focuses the field, which gives everyone a bigger "
                    "target to hit.</p>",
                ),
                _code(
                    "html",
                    """
                    <form action="/signup" method="post">
                      <label for="full-name">Full name</label>
                      <input id="full-name" name="full_name" type="text" autocomplete="name"
                             required>

                      <label for="email">Email address</label>
                      <p id="email-hint">We'll only use this to send your receipts.</p>
                      <input id="email" name="email" type="email" autocomplete="email" required
                             aria-describedby="email-hint">

                      <fieldset>
                        <legend>How should we contact you?</legend>
                        <input id="contact-email" type="radio" name="contact" value="email">
                        <label for="contact-email">Email</label>
                        <input id="contact-phone" type="radio" name="contact" value="phone">
                        <label for="contact-phone">Phone</label>
                      </fieldset>

                      <button type="submit">Create account</button>
                    </form>
                    """,
                ),
                (
                    "paragraph",
                    "<p>This small form shows four techniques:</p>"
                    "<ul><li><b>Hints</b> are linked with <code>aria-describedby</code>, so "
                    "the hint is read after the label. Place hints before the field so "
                    "sighted users see them first.</li>"
                    "<li><b>Groups</b> of related controls, especially radio buttons, go in "
                    "a <code>&lt;fieldset&gt;</code> whose <code>&lt;legend&gt;</code> asks "
                    "the question. Without it, a screen reader user hears only "
                    "<i>Email, radio button</i> with no idea what is being asked.</li>"
                    "<li><b>autocomplete</b> values such as <code>name</code> and "
                    "<code>email</code> tell browsers what each field is for, so they can "
                    "fill it in. That saves typing for everyone and is a WCAG AA "
                    "requirement for fields that collect information about the user.</li>"
                    "<li><b>required</b> exposes the required state to assistive "
                    "technology. Also say so in the visible label or in an instruction at "
                    "the top of the form, rather than relying on a red asterisk "
                    "alone.</li></ul>",
                ),
                ("heading", {"text": "Error messages that help", "level": "h2"}),
                (
                    "paragraph",
                    "<p>When validation fails, identify the field and describe the problem "
                    "in text, and suggest how to fix it: <i>Enter an email address in the "
                    "correct format, like name@example.com</i> is far more useful than "
                    "<i>Invalid input</i>. Connect the message to its field with "
                    "<code>aria-describedby</code> and mark the field with "
                    '<code>aria-invalid="true"</code>. If a form has several errors, show '
                    "a summary at the top listing each one as a link to its field and move "
                    "focus to that summary after submission.</p>",
                ),
                _code(
                    "html",
                    """
                    <label for="email">Email address</label>
                    <p id="email-hint">We'll only use this to send your receipts.</p>
                    <p id="email-error" class="error">
                      Enter an email address in the correct format, like name@example.com
                    </p>
                    <input id="email" name="email" type="email" autocomplete="email" required
                           aria-invalid="true" aria-describedby="email-hint email-error">
                    """,
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "A placeholder is not a label",
                        "text": "<p>Placeholder text disappears as soon as someone starts "
                        "typing, so people with memory difficulties lose the instruction. "
                        "It is usually pale grey with poor contrast, and some assistive "
                        "technologies don't announce it reliably. Keep a real "
                        "<code>&lt;label&gt;</code> and use placeholders, if at all, only for "
                        "example values.</p>",
                    },
                ),
                *_try_it(
                    "<p>Take a sign-up or contact form you maintain and check every control: "
                    "click each label and confirm the right field gets focus. Group any "
                    "radio buttons or checkboxes in a <code>fieldset</code> with a "
                    "<code>legend</code>, add suitable <code>autocomplete</code> values, and "
                    "submit the form empty. Does each error message say what went wrong and "
                    "how to fix it, and is it announced when you reach the field with a "
                    "screen reader?</p>"
                ),
            ],
        },
        {
            "title": "Colour contrast and testing",
            "slug": "colour-contrast-and-testing",
            "minutes": 35,
            "body": [
                (
                    "paragraph",
                    "<p>Text needs enough contrast with its background to be readable by "
                    "people with low vision or colour-vision deficiencies, on cheap screens "
                    "and in sunlight. WCAG measures contrast as a ratio from 1:1 (identical "
                    "colours) to 21:1 (black on white). At level AA:</p>"
                    "<ul><li>normal text needs at least <b>4.5:1</b>;</li>"
                    "<li>large text, meaning at least 18 point (24 CSS pixels) or 14 point "
                    "(about 18.7 CSS pixels) bold, needs at least <b>3:1</b>;</li>"
                    "<li>the visual parts of controls, such as input borders and focus "
                    "indicators, and graphics needed to understand content, such as chart "
                    "lines, need at least <b>3:1</b> against adjacent colours.</li></ul>"
                    "<p>The ratio comes from the <i>relative luminance</i> of each colour. "
                    "Browser developer tools show it when you inspect text, but the formula "
                    "is short enough to write yourself:</p>",
                ),
                _code(
                    "python",
                    '''
                    def relative_luminance(hex_colour):
                        """Relative luminance of an sRGB colour such as "#1a5fb4" (WCAG 2)."""
                        hex_colour = hex_colour.lstrip("#")
                        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
                        r, g, b = (
                            c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
                            for c in channels
                        )
                        return 0.2126 * r + 0.7152 * g + 0.0722 * b


                    def contrast_ratio(foreground, background):
                        """WCAG contrast ratio between two colours, from 1.0 to 21.0."""
                        first = relative_luminance(foreground)
                        second = relative_luminance(background)
                        lighter, darker = max(first, second), min(first, second)
                        return (lighter + 0.05) / (darker + 0.05)


                    for colour in ("#000000", "#767676", "#949494", "#1a5fb4"):
                        ratio = contrast_ratio(colour, "#ffffff")
                        verdict = "passes" if ratio >= 4.5 else "fails"
                        print(f"{colour} on white: {ratio:.2f}:1, {verdict} AA for normal text")
                    ''',
                ),
                (
                    "paragraph",
                    "<p>Running it shows that <code>#767676</code>, a mid grey, just passes "
                    "at 4.54:1, while the lighter <code>#949494</code> fails at 3.03:1. "
                    "Contrast is not the only colour rule: <b>never use colour as the only "
                    "way to convey information</b>. Underline links in body text, add an "
                    "icon and words to red error states, and label chart lines directly "
                    "rather than relying on a colour key.</p>",
                ),
                ("heading", {"text": "Testing: tools plus people", "level": "h2"}),
                (
                    "paragraph",
                    "<p>No single test finds everything. Combine these, roughly from "
                    "quickest to most thorough:</p>"
                    "<ol><li><b>Automated checks</b> with axe DevTools, Lighthouse or WAVE "
                    "catch missing labels, low contrast, missing alt attributes and invalid "
                    "ARIA in seconds. Run them in development and in continuous "
                    "integration.</li>"
                    "<li><b>A keyboard pass</b>: tab through every page, as in the previous "
                    "lessons.</li>"
                    "<li><b>Zoom and reflow</b>: at 200% zoom nothing should be cut off, "
                    "and at a width of 320 CSS pixels content should reflow into one column "
                    "without horizontal scrolling.</li>"
                    "<li><b>A screen reader check</b>: NVDA (free) on Windows, VoiceOver on "
                    "macOS and iOS, or TalkBack on Android. Listen to the headings, links "
                    "and form fields of your key pages.</li>"
                    "<li><b>Testing with disabled people</b>, who will find problems no "
                    "checklist anticipates.</li></ol>",
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "Zero automated errors is not the finish line",
                        "text": "<p>Tools can only check what a machine can measure. They can "
                        "tell you an image has alt text but not whether it is accurate, and "
                        "that a button has a name but not whether the name makes sense. A "
                        "page can pass every automated rule and still be unusable, so always "
                        "follow up with manual checks.</p>",
                    },
                ),
                _document(
                    "Accessibility testing checklist",
                    "accessibility-checklist.txt",
                    """
                    ACCESSIBILITY TESTING CHECKLIST
                    ===============================
                    Use this for every new page or feature. WCAG 2.2 level in brackets.

                    STRUCTURE
                    [ ] Page has a descriptive <title>                                (A)
                    [ ] <html lang="..."> is set correctly                            (A)
                    [ ] Landmarks: header, nav, main, footer; exactly one <main>
                    [ ] One <h1>; headings form a logical outline with no skipped levels
                    [ ] Lists, tables and buttons use the real HTML elements          (A)

                    IMAGES AND MEDIA
                    [ ] Informative images have alt text that conveys their purpose   (A)
                    [ ] Decorative images have alt=""                                 (A)
                    [ ] Videos have captions; audio has a transcript                  (A)
                    [ ] Nothing flashes more than three times per second              (A)

                    KEYBOARD
                    [ ] Everything works with Tab, Shift+Tab, Enter, Space, arrows    (A)
                    [ ] No keyboard traps; Escape closes dialogs and menus            (A)
                    [ ] Focus order follows the visual reading order                  (A)
                    [ ] Focus is always clearly visible                               (AA)
                    [ ] Focused elements are not entirely hidden by sticky content    (AA)
                    [ ] A skip link or landmarks let users bypass repeated blocks     (A)

                    FORMS
                    [ ] Every control has a visible, associated <label>               (A)
                    [ ] Related controls are grouped with <fieldset> and <legend>     (A)
                    [ ] Personal-data fields have autocomplete attributes             (AA)
                    [ ] Errors are identified in text next to the field               (A)
                    [ ] Error messages suggest how to fix the problem                 (AA)

                    COLOUR AND LAYOUT
                    [ ] Normal text contrast at least 4.5:1                           (AA)
                    [ ] Large text contrast at least 3:1                              (AA)
                    [ ] Control borders, focus indicators, chart lines at least 3:1   (AA)
                    [ ] Colour is never the only way information is conveyed          (A)
                    [ ] Text can be zoomed to 200% without loss of content            (AA)
                    [ ] Content reflows at 320 CSS px wide, no sideways scrolling     (AA)

                    TOOLS AND MANUAL CHECKS
                    [ ] Automated scan (axe DevTools, Lighthouse or WAVE): no errors
                    [ ] Complete the main task using only the keyboard
                    [ ] Screen reader pass: NVDA (Windows), VoiceOver (macOS/iOS),
                        TalkBack (Android): headings, links and form fields make sense
                    [ ] Check at 200% and 400% zoom
                    """,
                ),
                *_try_it(
                    "<p>Run the contrast script on your site's text and background colours "
                    "and fix anything below 4.5:1 (or 3:1 for large text). Then work through "
                    "the checklist above for one important page, such as your sign-up or "
                    "checkout page, recording each failure with the WCAG level it falls "
                    "under. Which problems did the automated tool find, and which did only "
                    "your manual checks reveal?</p>"
                ),
            ],
        },
    ],
}


# ---------------------------------------------------------------------------------------------
# 4. Git in Practice (members only)
# ---------------------------------------------------------------------------------------------

_GIT_IN_PRACTICE = {
    "title": "Git in Practice",
    "slug": "git-in-practice",
    "summary": (
        "Use Git with confidence every day: make clean commits, work on branches and merge "
        "them, collaborate through remotes, and undo mistakes without losing work."
    ),
    "level": "beginner",
    "tags": ["git", "tools", "programming"],
    "estimated_hours": "3.0",
    "members_only": True,
    "objectives": [
        "Explain the working tree, staging area and repository and make focused commits.",
        "Create branches, merge them and resolve merge conflicts calmly.",
        "Clone, fetch, pull and push with a remote repository and keep branches in sync.",
        "Choose the safe way to undo a change with restore, revert, reset and the reflog.",
    ],
    "intro": [
        (
            "paragraph",
            "<p>Git is a version control system: it records snapshots of a project so you "
            "can see what changed, when and why, go back to any earlier state, and work "
            "with other people without overwriting each other's work. Nearly every software "
            "team uses it, and it is just as useful for documentation, data analysis or "
            "a thesis.</p>"
            "<p>This course uses the command line because that is where Git's concepts are "
            "clearest, and everything carries over to graphical tools. You need Git 2.28 or "
            'later from <a href="https://git-scm.com/downloads">git-scm.com</a> (check with '
            "<code>git --version</code>). Before your first commit, tell Git who you are; "
            "these details are recorded in every commit you make:</p>",
        ),
        _code(
            "bash",
            """
            git config --global user.name "Ada Lovelace"
            git config --global user.email "ada@example.com"
            git config --global init.defaultBranch main
            git config --global core.editor "nano"   # or "code --wait" for VS Code
            """,
        ),
    ],
    "lessons": [
        {
            "title": "Commits and the staging area",
            "slug": "commits-and-the-staging-area",
            "minutes": 30,
            "body": [
                (
                    "paragraph",
                    "<p>A Git <b>repository</b> is a project folder plus its complete "
                    "history, stored in a hidden <code>.git</code> directory. The history is "
                    "a chain of <b>commits</b>. Each commit is a snapshot of every tracked "
                    "file, together with an author, a date, a message and a link to the "
                    "commit before it, and it is identified by a hash such as "
                    "<code>2a6d443</code> (usually shortened to seven characters).</p>"
                    "<p>Your files live in three places:</p>"
                    "<ol><li>the <b>working tree</b>: the files you see and edit;</li>"
                    "<li>the <b>staging area</b> (also called the <i>index</i>): the "
                    "changes you have chosen to include in the next commit;</li>"
                    "<li>the <b>repository</b>: the commits themselves.</li></ol>"
                    "<p><code>git add</code> copies changes from the working tree to the "
                    "staging area, and <code>git commit</code> turns the staging area into "
                    "a new commit.</p>",
                ),
                (
                    "image",
                    {
                        "label": "Working tree, staging area, repository",
                        "caption": "git add moves changes from the working tree to the "
                        "staging area; git commit records the staged snapshot in the "
                        "repository.",
                    },
                ),
                _code(
                    "bash",
                    """
                    mkdir recipes && cd recipes
                    git init -b main
                    echo "# Family recipes" > README.md
                    git status                 # README.md is untracked
                    git add README.md
                    git commit -m "Add README"
                    git log --oneline          # one commit so far
                    """,
                ),
                ("heading", {"text": "Why a staging area?", "level": "h2"}),
                (
                    "paragraph",
                    "<p>The staging area lets you decide what goes into each commit. If you "
                    "fixed a bug and also tidied some unrelated code, you can stage and "
                    "commit them separately, so each commit tells one story. Two commands "
                    "show what you are about to do: <code>git diff</code> compares the "
                    "working tree with the staging area (changes <i>not yet</i> staged), and "
                    "<code>git diff --staged</code> compares the staging area with the last "
                    "commit (exactly what the next commit will contain).</p>",
                ),
                _code(
                    "bash",
                    """
                    echo "- Pancakes" >> README.md
                    echo "flour, eggs, milk" > pancakes.txt
                    git status --short      # " M README.md" and "?? pancakes.txt"
                    git diff                # the unstaged change to README.md
                    git add README.md pancakes.txt
                    git diff --staged       # what the next commit will contain
                    git commit -m "Add pancake recipe"
                    """,
                ),
                (
                    "paragraph",
                    "<p><code>git add -p</code> goes further: it walks you through each "
                    "changed block (a <i>hunk</i>) and asks whether to stage it. Good commit "
                    "messages matter as much as good commits. The convention is a short "
                    "summary line of about 50 characters in the imperative mood (<i>Add "
                    "pancake recipe</i>, not <i>Added stuff</i>), then a blank line and, if "
                    "needed, a body explaining <i>why</i> the change was made. Run "
                    "<code>git commit</code> without <code>-m</code> to write a longer "
                    "message in your editor.</p>"
                    "<p>Some files should never be committed: build output, dependencies, "
                    "editor settings and secrets. List them in a <code>.gitignore</code> "
                    "file at the top of the repository, and commit that file.</p>",
                ),
                _code(
                    "text",
                    """
                    # .gitignore
                    __pycache__/
                    *.pyc
                    .venv/
                    node_modules/
                    .env
                    .DS_Store
                    """,
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "Never commit secrets",
                        "text": "<p>Deleting a password or API key in a later commit does "
                        "not remove it: it stays in the history for anyone with a copy of "
                        "the repository. Keep secrets in an ignored file such as "
                        "<code>.env</code>. If one is ever pushed, treat it as leaked and "
                        "change it straight away.</p>",
                    },
                ),
                *_try_it(
                    "<p>Create a repository for a small project of your own, such as notes or "
                    "a to-do list. Make at least three commits, each with one logical "
                    "change and a clear message. In one of them, edit two files but use "
                    "<code>git add</code> to commit only one, and confirm with "
                    "<code>git status</code> and <code>git diff</code> that the other "
                    "change is still waiting. Finish with <code>git log --oneline</code> "
                    "and read your history back.</p>"
                ),
            ],
        },
        {
            "title": "Branches and merging",
            "slug": "branches-and-merging",
            "minutes": 35,
            "body": [
                (
                    "paragraph",
                    "<p>A <b>branch</b> is simply a movable label that points at a commit. "
                    "When you commit on a branch, the label moves forward to the new commit. "
                    "A special pointer called <code>HEAD</code> records which branch you are "
                    "on. Because a branch is only a label, creating one is instant, so it is "
                    "normal to start a new branch for every feature or fix. Your "
                    "<code>main</code> branch stays working while the experiment happens "
                    "elsewhere.</p>",
                ),
                _code(
                    "bash",
                    """
                    git switch -c add-soup         # create a branch and switch to it
                    echo "- Tomato soup" >> README.md
                    git commit -am "Add tomato soup"
                    git switch main                # README.md no longer lists the soup
                    git merge add-soup             # bring the branch's work into main
                    git branch -d add-soup         # the label is no longer needed
                    """,
                ),
                (
                    "paragraph",
                    "<p><code>git commit -am</code> stages every change to already-tracked "
                    "files and commits in one step; new files still need <code>git "
                    "add</code>. Older tutorials use <code>git checkout -b</code> instead of "
                    "<code>git switch -c</code>; both work, but <code>switch</code> (added in "
                    "Git 2.23) does only one job and is harder to misuse.</p>",
                ),
                ("heading", {"text": "Fast-forward and three-way merges", "level": "h2"}),
                (
                    "paragraph",
                    "<p>In the example, <code>main</code> hadn't moved since the branch was "
                    "created, so Git performed a <b>fast-forward</b>: it just slid the "
                    "<code>main</code> label forward to the branch's latest commit. If both "
                    "branches have new commits, Git performs a <b>three-way merge</b>, "
                    "combining the two sets of changes relative to their common ancestor and "
                    "recording the result in a new <i>merge commit</i> with two parents. "
                    "<code>git log --oneline --graph --all</code> draws this history as a "
                    "diagram.</p>",
                ),
                ("heading", {"text": "Resolving conflicts", "level": "h2"}),
                (
                    "paragraph",
                    "<p>When both branches changed the same lines, Git cannot know which "
                    "version you want, so it stops with a <b>merge conflict</b> and marks "
                    "the disputed region in the file:</p>",
                ),
                _code(
                    "text",
                    """
                    # Family recipes
                    <<<<<<< HEAD
                    - Pancakes (serves 4)
                    =======
                    - Pancakes with blueberries
                    >>>>>>> blueberries
                    - Tomato soup
                    """,
                ),
                (
                    "paragraph",
                    "<p>The part between <code>&lt;&lt;&lt;&lt;&lt;&lt;&lt; HEAD</code> and "
                    "<code>=======</code> is your current branch's version; the part after "
                    "it, up to <code>&gt;&gt;&gt;&gt;&gt;&gt;&gt; blueberries</code>, is the "
                    "incoming branch's version. To resolve the conflict, edit the file into "
                    "the text you actually want, delete all three marker lines, then stage "
                    "and commit:</p>",
                ),
                _code(
                    "bash",
                    """
                    git status                # lists files with conflicts as "both modified"
                    # edit README.md so the line reads: - Pancakes with blueberries (serves 4)
                    git add README.md         # mark the conflict as resolved
                    git commit --no-edit      # finish the merge with Git's default message
                    """,
                ),
                (
                    "callout",
                    {
                        "kind": "tip",
                        "title": "You can always back out",
                        "text": "<p>A conflict is not an emergency. If you are unsure, "
                        "<code>git merge --abort</code> puts everything back exactly as it "
                        "was before the merge. Merging <code>main</code> into your feature "
                        "branch regularly, and keeping branches short-lived, keeps conflicts "
                        "small and easy to understand.</p>",
                    },
                ),
                *_try_it(
                    "<p>Create a conflict on purpose. In your practice repository, make a "
                    "branch called <code>blueberries</code> and change one line of a file, "
                    "commit, switch back to <code>main</code>, change the <i>same</i> line "
                    "differently and commit again. Merge the branch, read the conflict "
                    "markers, resolve them, and finish the merge. Look at the result with "
                    "<code>git log --oneline --graph --all</code>, then delete the "
                    "branch.</p>"
                ),
            ],
        },
        {
            "title": "Working with remotes",
            "slug": "working-with-remotes",
            "minutes": 30,
            "body": [
                (
                    "paragraph",
                    "<p>So far your history exists only on your computer. A <b>remote</b> "
                    "is another copy of the repository, usually on a hosting service such "
                    "as GitHub, GitLab or Bitbucket, that you exchange commits with. It acts "
                    "as a backup and as the meeting point for a team. Every copy is a full "
                    "repository; none is special except by agreement.</p>"
                    "<p>There are two ways to connect. If the project already exists "
                    "online, <code>git clone</code> downloads it and sets up a remote called "
                    "<code>origin</code> automatically. If you started locally, create an "
                    "empty repository on the hosting service, add it as a remote and push "
                    "to it:</p>",
                ),
                _code(
                    "bash",
                    """
                    # Copy an existing project
                    git clone https://github.com/your-name/recipes.git
                    cd recipes
                    git remote -v                  # shows origin's fetch and push URLs

                    # Or publish a project you started locally
                    git remote add origin git@github.com:your-name/recipes.git
                    git push -u origin main        # -u links local main to origin/main
                    """,
                ),
                ("heading", {"text": "Fetch, pull and push", "level": "h2"}),
                (
                    "paragraph",
                    "<p>Your repository keeps <b>remote-tracking branches</b> such as "
                    "<code>origin/main</code>, which record where the remote's branches were "
                    "the last time you talked to it. Three commands keep things in "
                    "step:</p>"
                    "<ul><li><code>git fetch</code> downloads new commits and updates "
                    "<code>origin/main</code> but leaves your own branches and files "
                    "untouched, so it is always safe.</li>"
                    "<li><code>git pull</code> fetches and then integrates "
                    "<code>origin/main</code> into your current branch.</li>"
                    "<li><code>git push</code> uploads your new commits and moves the "
                    "remote's branch forward.</li></ul>",
                ),
                _code(
                    "bash",
                    """
                    git fetch
                    git status        # e.g. "Your branch is behind 'origin/main' by 1 commit"
                    git log --oneline main..origin/main   # commits you don't have yet
                    git pull          # bring them into main
                    git push          # publish your own commits
                    """,
                ),
                (
                    "paragraph",
                    "<p>If someone pushed while you were working, your push is "
                    "<b>rejected</b>: the remote refuses to discard their commits. Pull "
                    "first, then push again. When both sides have new commits, recent Git "
                    "versions make you choose how <code>git pull</code> combines them: "
                    "<code>git pull --rebase</code> replays your local commits on top of "
                    "theirs for a straight-line history, while <code>git pull "
                    "--no-rebase</code> creates a merge commit. Set your preference once "
                    "with <code>git config --global pull.rebase true</code> (or "
                    "<code>false</code>).</p>"
                    "<p>Teams usually add one more layer: you push a feature branch "
                    "(<code>git push -u origin add-soup</code>) and open a <b>pull "
                    "request</b> (GitLab calls it a <i>merge request</i>), where colleagues "
                    "review the changes before they are merged into <code>main</code>.</p>",
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "Don't force-push shared branches",
                        "text": "<p><code>git push --force</code> overwrites the remote "
                        "branch with yours and silently deletes any commits others pushed. "
                        "Never use it on <code>main</code> or any branch someone else works "
                        "on. If you must replace your own feature branch, use "
                        "<code>git push --force-with-lease</code>, which refuses if the "
                        "remote has commits you haven't seen.</p>",
                    },
                ),
                (
                    "paragraph",
                    "<p>One practical note: GitHub no longer accepts your account password "
                    "for Git over HTTPS. Use an SSH key, a personal access token, or a "
                    "credential helper such as Git Credential Manager.</p>",
                ),
                *_try_it(
                    "<p>Create an empty repository on a hosting service of your choice and "
                    "push your practice project to it with <code>git push -u origin "
                    "main</code>. Then simulate a teammate: clone the repository into a "
                    "second folder, commit and push a change from there, and go back to the "
                    "first folder. Run <code>git fetch</code> and <code>git status</code> "
                    "before pulling, and compare <code>git log --oneline --all</code> "
                    "before and after.</p>"
                ),
            ],
        },
        {
            "title": "Undoing mistakes safely",
            "slug": "undoing-mistakes-safely",
            "minutes": 35,
            "body": [
                (
                    "paragraph",
                    "<p>Git is very good at keeping work, and almost every mistake can be "
                    "undone, but the right command depends on <i>where</i> the mistake is: "
                    "in the working tree, in the staging area, in a commit you haven't "
                    "shared, or in a commit that's already pushed. One golden rule decides "
                    "most cases: <b>never rewrite history that other people already "
                    "have</b>. For published commits, add a new commit that undoes the old "
                    "one.</p>",
                ),
                ("heading", {"text": "Before you commit", "level": "h2"}),
                _code(
                    "bash",
                    """
                    git restore README.md            # discard unstaged edits (gone for good)
                    git restore --staged README.md   # unstage a file but keep the edits
                    git stash                        # shelve all uncommitted changes...
                    git stash pop                    # ...and bring them back later
                    """,
                ),
                (
                    "paragraph",
                    "<p><code>git stash</code> is useful when you need a clean working tree "
                    "for a moment, for example to switch branches for an urgent fix. "
                    "<code>git stash list</code> shows what you have shelved.</p>",
                ),
                ("heading", {"text": "Fixing commits you haven't pushed", "level": "h2"}),
                (
                    "paragraph",
                    "<p>To fix the most recent commit, such as a typo in the message or a "
                    "forgotten file, stage the fix and run <code>git commit --amend</code>. "
                    "This replaces the last commit with a new one. To take back whole "
                    "commits, <code>git reset</code> moves the current branch to an earlier "
                    "commit; its options decide what happens to the changes in the commits "
                    "you leave behind:</p>"
                    "<ul><li><code>--soft</code>: keep them, staged.</li>"
                    "<li><code>--mixed</code> (the default): keep them in the working tree, "
                    "unstaged.</li>"
                    "<li><code>--hard</code>: throw them away, along with any uncommitted "
                    "changes.</li></ul>",
                ),
                _code(
                    "bash",
                    """
                    git add soup.txt
                    git commit --amend -m "Add soup recipe"   # fix the last commit
                    git reset --soft HEAD~1    # undo the last commit, keep its changes staged
                    git reset HEAD~1           # same, but leave the changes unstaged
                    """,
                ),
                ("heading", {"text": "Undoing pushed commits", "level": "h2"}),
                (
                    "paragraph",
                    "<p>Once a commit is on a shared branch, use <code>git revert</code>. "
                    "It creates a <i>new</i> commit that applies the exact opposite of the "
                    "old one, so history only moves forward and nobody else's copy "
                    "breaks.</p>",
                ),
                _code(
                    "bash",
                    """
                    git log --oneline          # find the hash of the bad commit
                    git revert 2a6d443         # replace with your commit's hash
                    git push
                    """,
                ),
                ("heading", {"text": "The safety net: reflog", "level": "h2"}),
                (
                    "paragraph",
                    "<p>Even after a bad <code>reset</code> or an amend you regret, the old "
                    "commits still exist for a while (by default for at least 30 days). "
                    "<code>git reflog</code> lists every position <code>HEAD</code> has "
                    "recently pointed to. Find the entry from before the mistake and reset "
                    "back to it; quote the name in shells such as PowerShell or zsh that "
                    "treat braces specially.</p>",
                ),
                _code(
                    "bash",
                    """
                    git reflog
                    # dc4e049 HEAD@{2}: commit (amend): Add soup recipe   <- the state you want
                    git reset --hard "HEAD@{2}"
                    """,
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "title": "Uncommitted work has no safety net",
                        "text": "<p>The reflog only remembers <i>commits</i>. Changes you "
                        "never committed or stashed are gone for good after "
                        "<code>git restore</code> or <code>git reset --hard</code>. When in "
                        "doubt, run <code>git stash</code> or make a temporary commit "
                        "first: it is much easier to delete a commit than to recreate lost "
                        "work.</p>",
                    },
                ),
                _document(
                    "Git in Practice cheat sheet",
                    "git-cheat-sheet.txt",
                    """
                    GIT IN PRACTICE CHEAT SHEET
                    ===========================

                    Set up (once per computer)
                      git config --global user.name "Your Name"
                      git config --global user.email "you@example.com"
                      git config --global init.defaultBranch main

                    Start
                      git init                      new repository in this folder
                      git clone <url>               copy an existing repository

                    Everyday commits
                      git status                    what has changed? (--short for brief)
                      git diff                      unstaged changes
                      git diff --staged             staged changes (the next commit)
                      git add <file>                stage a file (git add -p: pick hunks)
                      git commit -m "Message"       commit what is staged
                      git commit -am "Message"      stage tracked files and commit
                      git log --oneline --graph --all

                    Branches
                      git branch                    list branches
                      git switch -c <name>          create a branch and switch to it
                      git switch <name>             switch branch
                      git merge <name>              merge <name> into the current branch
                      git merge --abort             give up a conflicted merge
                      git branch -d <name>          delete a merged branch

                    Remotes
                      git remote -v                 list remotes
                      git remote add origin <url>   connect a remote
                      git fetch                     download, don't change your branches
                      git pull                      fetch + integrate into current branch
                      git pull --rebase             ... replaying your commits on top
                      git push -u origin <branch>   first push of a branch
                      git push                      later pushes
                      git push --force-with-lease   only for your own, unshared branches

                    Undo
                      git restore <file>            discard unstaged edits (permanent!)
                      git restore --staged <file>   unstage, keep the edits
                      git stash / git stash pop     shelve and restore uncommitted work
                      git commit --amend            redo the last (unpushed) commit
                      git reset --soft HEAD~1       undo last commit, keep changes staged
                      git reset HEAD~1              undo last commit, keep changes unstaged
                      git reset --hard HEAD~1       undo last commit, DISCARD its changes
                      git revert <commit>           new commit undoing a pushed commit
                      git reflog                    where HEAD has been; recover lost commits

                    Golden rule: never rewrite (amend, reset, force-push) commits that
                    others already have. Use git revert instead.
                    """,
                ),
                *_try_it(
                    "<p>In your practice repository, make a commit with a deliberate typo in "
                    "its message and fix it with <code>--amend</code>. Next, make two more "
                    "commits and undo them with <code>git reset --hard HEAD~2</code>, then "
                    "use <code>git reflog</code> to get them back. Finally, push a commit "
                    "and undo it with <code>git revert</code>, and check with "
                    "<code>git log</code> that history only moved forward.</p>"
                ),
            ],
        },
    ],
}


COURSES = [
    _PYTHON_FOUNDATIONS,
    _SQL_FOR_DATA_ANALYSIS,
    _WEB_ACCESSIBILITY_ESSENTIALS,
    _GIT_IN_PRACTICE,
]

"""Quick start: the layer split of EC2, S3 and Lambda side by side, and one resolution with its trail."""

import textwrap

import shared_responsibility as sr

SERVICES = ("ec2", "s3", "lambda")
MARK = {sr.Ownership.PROVIDER: "provider", sr.Ownership.SHARED: "shared", sr.Ownership.CUSTOMER: "customer"}


def main() -> None:
    cat = sr.default_catalog()
    print(f"shared_responsibility {sr.__version__}, dataset {cat.version}\n")
    splits = [sr.split(cat, s) for s in SERVICES]
    print((f"{'layer':<26}" + "".join(f"{cat.service(s).name:<16}" for s in SERVICES)).rstrip())
    for layer in reversed(cat.layers):  # top of the stack first, as the diagrams draw it
        print((f"{layer.name:<26}" + "".join(f"{MARK[t[layer.id].ownership]:<16}" for t in splits)).rstrip())

    context = sr.Context(options={"lambda.runtime-update-mode": "manual"})
    r = sr.resolve(cat, "lambda", "patch-management", context)
    print(f"\n{r.control.title} for {r.service.name} with {dict(context.options)}:")
    print(f"  who performs it: {r.ownership.value}; AWS's control type: {r.ownership.control_type}")
    for duty in r.duties:
        where = duty.layer.name if duty.layer else "organization"
        line = f"- {duty.holder} [{where}]: {duty.text}"  # "(enables)" where it only enables
        print(textwrap.fill(line, 80, initial_indent="  ", subsequent_indent="    "))
    print("  decided by:")
    for rule in r.trail:
        print(f"    {rule.origin.value}: {rule.name} -> {rule.target}")


if __name__ == "__main__":
    main()

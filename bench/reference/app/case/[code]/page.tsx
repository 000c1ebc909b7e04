import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { Badge } from "../../badge";
import { CASE_CODE, caseOf, COUNTRIES, STAFF, type CaseView } from "../../data";
import { FieldForm, type Field } from "../../field-form";

const countries = COUNTRIES.map((c) => ({ value: c.code, label: c.name }));
const owners = STAFF.map((s) => ({ value: s.id, label: s.name }));
const text = (...names: string[]): Field[] => names.map((name) => ({ name, label: name }));

function Facts({ facts }: { facts: CaseView["profile"] }) {
  return (
    <dl>
      {facts.map((f) => (
        <div key={f.label}>
          <dt>{f.label}</dt>
          <dd>{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Entries({ entries }: { entries: CaseView["notes"] }) {
  return (
    <ul>
      {entries.map((e) => (
        <li key={e.id}>
          <p>{e.title}</p>
          <p className="case-note">{e.detail}</p>
        </li>
      ))}
    </ul>
  );
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="section" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** A case page's shape: the header and thirteen sections with their facts, entries and client forms (country selects included). */
export default async function CasePage({ params }: { params: Promise<{ code: string }> }) {
  await headers();
  const { code } = await params;
  if (!CASE_CODE.test(code)) notFound();
  const c = caseOf(code);
  return (
    <div>
      <header>
        <h1>{c.code}</h1>
        <Badge>{c.status}</Badge> <Badge tone="warning">{c.risk}</Badge> <span>{c.country}</span>
      </header>
      <Section title="Status">
        <p>In third country since 12 days</p>
        <FieldForm
          title="Move forward"
          fields={[{ name: "to", label: "Next status", options: c.nextStatuses.map((s) => ({ value: s, label: s })) }]}
        />
      </Section>
      <Section title="Vetting">
        <Facts facts={c.vetting} />
        <FieldForm title="Sign off" fields={text("Reason")} />
      </Section>
      <Section title="Location">
        <Facts facts={c.location} />
        <Entries entries={c.movements} />
        <FieldForm title="Record a move" fields={[{ name: "country", label: "Country", options: countries }, ...text("City", "Since")]} />
      </Section>
      <Section title="Documents">
        <Entries entries={c.documents} />
        <FieldForm title="Edit documents" fields={text("Passport", "Military ID", "Visa", "Other")} />
      </Section>
      <Section title="Applications">
        <Entries entries={c.applications} />
        <FieldForm
          title="Add an application"
          fields={[{ name: "country", label: "Country", options: countries }, ...text("Kind", "Filed on")]}
        />
      </Section>
      <Section title="Next steps">
        <Entries entries={c.nextSteps} />
        <FieldForm title="Add a next step" fields={[...text("What", "Due"), { name: "owner", label: "Owner", options: owners }]} />
      </Section>
      <Section title="Notes">
        <Entries entries={c.notes} />
        <FieldForm title="Add a note" fields={text("Note")} />
      </Section>
      <Section title="Contact">
        <FieldForm title="Reveal the contact channel" fields={text("Reason")} />
      </Section>
      <Section title="Assignment">
        <FieldForm title="Assign" fields={[{ name: "assignee", label: "Caseworker", options: owners }]} />
      </Section>
      <Section title="Profile">
        <Facts facts={c.profile} />
        <FieldForm title="Edit the profile" fields={text("Age band", "Service", "People travelling", "Language")} />
      </Section>
      <Section title="Legal">
        <Facts facts={c.legal} />
        <FieldForm title="Edit the legal situation" fields={text("Jurisdiction", "Charges", "Forces")} />
      </Section>
      <Section title="Timeline">
        <Entries entries={c.timeline} />
      </Section>
    </div>
  );
}

import Link from "next/link";

/** The not-found page, inside the shell as the app's is. */
export default function NotFound() {
  return (
    <div className="section">
      <h1>Not found</h1>
      <p>There is no such page, or you may not see it.</p>
      <Link href="/table">Back to the cases</Link>
    </div>
  );
}

import { headers } from "next/headers";
import { redirect } from "next/navigation";

/** The signed-in redirect's shape: a dynamic request that answers with a redirect and renders nothing. */
export default async function Home() {
  await headers();
  redirect("/table");
}

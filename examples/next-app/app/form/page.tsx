import { SaveForm } from "./SaveForm";

export default function FormPage() {
  return (
    <section>
      <h1>Form</h1>
      <SaveForm />
    </section>
  );
}

export default function Home() {
  return <h1>react-taskgroup example</h1>;
}

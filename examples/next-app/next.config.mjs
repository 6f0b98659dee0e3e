/** @type {import('next').NextConfig} */
const nextConfig = {
  // The root of this example, not the repository's: the package comes from its tarball.
  turbopack: { root: import.meta.dirname },
};
export default nextConfig;

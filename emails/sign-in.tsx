// The magic-link email: one button, the same link as copyable text, and what to do if it was not you.
import { Text } from "@react-email/components";
import { ButtonWithLink, EmailLayout } from "./_shared/layout";
import { paragraph, small } from "./_shared/styles";

export type SignInEmailProps = { url: string; host: string };

export function SignInEmail({ url, host }: SignInEmailProps) {
  return (
    <EmailLayout preview="Your sign-in link for PaperPulse">
      <Text style={paragraph}>Use this link to sign in to PaperPulse at {host}.</Text>
      <ButtonWithLink href={url} label="Sign in to PaperPulse" />
      <Text style={small}>
        This link expires in 10 minutes and works once. If you didn&apos;t ask for it, ignore this email.
      </Text>
    </EmailLayout>
  );
}

SignInEmail.PreviewProps = {
  url: "https://papers.example.org/api/auth/callback/email?token=3f9c2a7d1e&email=ada%40example.org",
  host: "papers.example.org",
} satisfies SignInEmailProps;

export default SignInEmail;
